/**
 * The test cases of Google's reference robots.txt parser (github.com/google/robotstxt, robots_test.cc,
 * `TEST(RobotsUnittest, …)`), transcribed as data: for each check, the robots.txt body, the crawler's
 * product token, the URL and the answer Google's test expects. `source` names the test function;
 * `kind` says whether the behaviour is RFC 9309's (`ID_*` tests) or Google's own leniency
 * (`GoogleOnly_*`, and the colon-less line of `ID_LineSyntax_Line`, which the test marks Google-specific).
 *
 * How the cases meet the SDK (see robots-google-cases.test.ts and robots-parser.test.ts):
 * - The agent becomes the fetcher's product token by giving the fetcher the User-Agent `<agent>/1.0`
 *   (the fetcher's token is its User-Agent up to the first `/`, exactly how `PathfinderBot` is derived
 *   in production). An empty agent leaves the fetcher on its default token, which no case names.
 * - An empty URL is the site's root, as Google's own `GetPathParamsQuery("")` reads it (`/`).
 * - Where the SDK answers otherwise than Google's library call, `sdk` gives its answer and why. There
 *   are three such checks, all about percent-encoding; every other check must give Google's answer.
 *
 * Not transcribed: `ID_VerifyValidUserAgentsToObey` (validates the caller's own token string, an API
 * helper of Google's library with no counterpart in reading a robots.txt), and the scheme-less inputs of
 * `TestGetPathParamsQuery` (`"a"`, `"a/b"`, `"//a/b/c"`…: Google's guesses about relative strings; the
 * fetcher accepts only absolute http(s) URLs and refuses the rest with PF_ERR_INVALID_URL). The
 * parse-statistics tests (`ID_LinesNumbersAreCountedCorrectly`, `ID_UTF8ByteOrderMarkIsSkipped`) count
 * directives instead of asking allowed/disallowed; they are `adapted` into checks whose answer depends
 * on exactly the parse they count.
 */

/** One allowed/disallowed check. */
export interface RobotsCase {
  /** The Google test function, `RobotsUnittest.<name>`. */
  source: string;
  kind: 'rfc' | 'google';
  /** The robots.txt body (sent as UTF-8). */
  robots: string;
  /** Raw bytes sent before `robots`, in hex (a partial or broken byte-order mark). */
  prefixHex?: string;
  agent: string;
  url: string;
  /** Google's expected answer. */
  allowed: boolean;
  /** The SDK's answer where it deliberately differs from Google's library call. */
  sdk?: { allowed: boolean; why: string };
  /** How a parse-statistics test was turned into an allowed/disallowed check. */
  adapted?: string;
}

type Check = [agent: string, url: string, allowed: boolean, sdk?: RobotsCase['sdk']];

interface Block {
  source: string;
  kind: RobotsCase['kind'];
  robots: string;
  prefixHex?: string;
  adapted?: string;
  checks: Check[];
}

const RAW_URL_NOT_SENDABLE =
  'A fetcher cannot send a raw "ツ": the URL is percent-encoded (WHATWG URL) before it is matched and ' +
  'requested, so the request is /foo/bar/%E3%83%84, which Google allows too (the check before). ' +
  "Google's test passes the raw string to show that its matcher expects the caller to encode first.";

const RFC_DECODES_UNRESERVED =
  'RFC 9309 §2.2.2 decodes percent-encoded unreserved characters before comparing (its table reads ' +
  "/foo/bar/%62%61%7A as /foo/bar/baz); Google's matcher compares the escapes literally, and its test " +
  'comment says this "should not be relied on". The SDK follows the RFC.';

// GoogleOnly_LineTooLong: lines are read up to 8 * 2083 - 1 bytes.
const MAX_LINE = 2083 * 8;
const LONG_DISALLOW = `/x/${'a'.repeat(MAX_LINE - 3 - 'disallow: '.length + 1 - 3)}`;
const LONG_ALLOW_A = `/x/${'a'.repeat(MAX_LINE - 3 - 'allow: '.length + 1 - 3)}`;
const LONG_ALLOW_B = `/x/${'b'.repeat(MAX_LINE - 3 - 'allow: '.length + 1 - 3)}`;

const GROUPS_BODY =
  'allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\n' +
  'allow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n';

const LINE_COUNT_ADAPTED =
  'Google counts 4 directives on 6 lines; observable as: the Disallow on line 6 binds bar (and only bar), ' +
  'which needs every line ending to be recognised.';

const BOM_ADAPTED = 'Google counts the directives parsed (Allow: /AnyValue); here the line is a Disallow, so the count is observable.';

const BLOCKS: Block[] = [
  // ---- GoogleOnly_SystemTest
  { source: 'GoogleOnly_SystemTest', kind: 'google', robots: '', checks: [['FooBot', '', true], ['', '', true]] },
  { source: 'GoogleOnly_SystemTest', kind: 'google', robots: 'user-agent: FooBot\ndisallow: /\n', checks: [['', '', true], ['FooBot', '', false]] },

  // ---- ID_LineSyntax_Line
  { source: 'ID_LineSyntax_Line', kind: 'rfc', robots: 'user-agent: FooBot\ndisallow: /\n', checks: [['FooBot', 'http://foo.bar/x/y', false]] },
  { source: 'ID_LineSyntax_Line', kind: 'rfc', robots: 'foo: FooBot\nbar: /\n', checks: [['FooBot', 'http://foo.bar/x/y', true]] },
  { source: 'ID_LineSyntax_Line', kind: 'google', robots: 'user-agent FooBot\ndisallow /\n', checks: [['FooBot', 'http://foo.bar/x/y', false]] },

  // ---- ID_LineSyntax_Groups
  {
    source: 'ID_LineSyntax_Groups',
    kind: 'rfc',
    robots: GROUPS_BODY,
    checks: [
      ['FooBot', 'http://foo.bar/x/b', true],
      ['FooBot', 'http://foo.bar/z/d', true],
      ['FooBot', 'http://foo.bar/y/c', false],
      ['BarBot', 'http://foo.bar/y/c', true],
      ['BarBot', 'http://foo.bar/w/a', true],
      ['BarBot', 'http://foo.bar/z/d', false],
      ['BazBot', 'http://foo.bar/z/d', true],
      ['FooBot', 'http://foo.bar/foo/bar/', false],
      ['BarBot', 'http://foo.bar/foo/bar/', false],
      ['BazBot', 'http://foo.bar/foo/bar/', false],
    ],
  },

  // ---- ID_LineSyntax_Groups_OtherRules
  {
    source: 'ID_LineSyntax_Groups_OtherRules',
    kind: 'rfc',
    robots: 'User-agent: BarBot\nSitemap: https://foo.bar/sitemap\nUser-agent: *\nDisallow: /\n',
    checks: [['FooBot', 'http://foo.bar/', false], ['BarBot', 'http://foo.bar/', false]],
  },
  {
    source: 'ID_LineSyntax_Groups_OtherRules',
    kind: 'rfc',
    robots: 'User-agent: FooBot\nInvalid-Unknown-Line: unknown\nUser-agent: *\nDisallow: /\n',
    checks: [['FooBot', 'http://foo.bar/', false], ['BarBot', 'http://foo.bar/', false]],
  },

  // ---- ID_REPLineNamesCaseInsensitive
  ...['USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n', 'user-agent: FooBot\nallow: /x/\ndisallow: /\n', 'uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n'].map(
    (robots): Block => ({
      source: 'ID_REPLineNamesCaseInsensitive',
      kind: 'rfc',
      robots,
      checks: [['FooBot', 'http://foo.bar/x/y', true], ['FooBot', 'http://foo.bar/a/b', false]],
    }),
  ),

  // ---- ID_UserAgentValueCaseInsensitive
  ...['User-Agent: FOO BAR\nAllow: /x/\nDisallow: /\n', 'User-Agent: foo bar\nAllow: /x/\nDisallow: /\n', 'User-Agent: FoO bAr\nAllow: /x/\nDisallow: /\n'].map(
    (robots): Block => ({
      source: 'ID_UserAgentValueCaseInsensitive',
      kind: 'rfc',
      robots,
      checks: [
        ['Foo', 'http://foo.bar/x/y', true],
        ['Foo', 'http://foo.bar/a/b', false],
        ['foo', 'http://foo.bar/x/y', true],
        ['foo', 'http://foo.bar/a/b', false],
      ],
    }),
  ),

  // ---- GoogleOnly_AcceptUserAgentUpToFirstSpace
  {
    source: 'GoogleOnly_AcceptUserAgentUpToFirstSpace',
    kind: 'google',
    robots: 'User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n',
    checks: [['Foo', 'http://foo.bar/x/y', true], ['Foo Bar', 'http://foo.bar/x/y', false]],
  },

  // ---- ID_GlobalGroups_Secondary
  { source: 'ID_GlobalGroups_Secondary', kind: 'rfc', robots: '', checks: [['FooBot', 'http://foo.bar/x/y', true]] },
  {
    source: 'ID_GlobalGroups_Secondary',
    kind: 'rfc',
    robots: 'user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n',
    checks: [['FooBot', 'http://foo.bar/x/y', false], ['BarBot', 'http://foo.bar/x/y', true]],
  },
  {
    source: 'ID_GlobalGroups_Secondary',
    kind: 'rfc',
    robots: 'user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\nuser-agent: BazBot\ndisallow: /\n',
    checks: [['QuxBot', 'http://foo.bar/x/y', true]],
  },

  // ---- ID_AllowDisallow_Value_CaseSensitive
  { source: 'ID_AllowDisallow_Value_CaseSensitive', kind: 'rfc', robots: 'user-agent: FooBot\ndisallow: /x/\n', checks: [['FooBot', 'http://foo.bar/x/y', false]] },
  { source: 'ID_AllowDisallow_Value_CaseSensitive', kind: 'rfc', robots: 'user-agent: FooBot\ndisallow: /X/\n', checks: [['FooBot', 'http://foo.bar/x/y', true]] },

  // ---- ID_LongestMatch
  { source: 'ID_LongestMatch', kind: 'rfc', robots: 'user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/\n', checks: [['FooBot', 'http://foo.bar/x/page.html', false]] },
  {
    source: 'ID_LongestMatch',
    kind: 'rfc',
    robots: 'user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/\n',
    checks: [['FooBot', 'http://foo.bar/x/page.html', true], ['FooBot', 'http://foo.bar/x/', false]],
  },
  { source: 'ID_LongestMatch', kind: 'rfc', robots: 'user-agent: FooBot\ndisallow: \nallow: \n', checks: [['FooBot', 'http://foo.bar/x/page.html', true]] },
  { source: 'ID_LongestMatch', kind: 'rfc', robots: 'user-agent: FooBot\ndisallow: /\nallow: /\n', checks: [['FooBot', 'http://foo.bar/x/page.html', true]] },
  {
    source: 'ID_LongestMatch',
    kind: 'rfc',
    robots: 'user-agent: FooBot\ndisallow: /x\nallow: /x/\n',
    checks: [['FooBot', 'http://foo.bar/x', false], ['FooBot', 'http://foo.bar/x/', true]],
  },
  { source: 'ID_LongestMatch', kind: 'rfc', robots: 'user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/page.html\n', checks: [['FooBot', 'http://foo.bar/x/page.html', true]] },
  {
    source: 'ID_LongestMatch',
    kind: 'rfc',
    robots: 'user-agent: FooBot\nallow: /page\ndisallow: /*.html\n',
    checks: [['FooBot', 'http://foo.bar/page.html', false], ['FooBot', 'http://foo.bar/page', true]],
  },
  {
    source: 'ID_LongestMatch',
    kind: 'rfc',
    robots: 'user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n',
    checks: [['FooBot', 'http://foo.bar/x/page.html', true], ['FooBot', 'http://foo.bar/x/y.html', false]],
  },
  {
    source: 'ID_LongestMatch',
    kind: 'rfc',
    robots: 'User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n',
    checks: [['FooBot', 'http://foo.bar/x/page', true], ['FooBot', 'http://foo.bar/y/page', false]],
  },

  // ---- ID_Encoding
  {
    source: 'ID_Encoding',
    kind: 'rfc',
    robots: 'User-agent: FooBot\nDisallow: /\nAllow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n',
    checks: [['FooBot', 'http://foo.bar/foo/bar?qux=taz&baz=http://foo.bar?tar&par', true]],
  },
  {
    source: 'ID_Encoding',
    kind: 'rfc',
    robots: 'User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n',
    checks: [
      ['FooBot', 'http://foo.bar/foo/bar/%E3%83%84', true],
      ['FooBot', 'http://foo.bar/foo/bar/ツ', false, { allowed: true, why: RAW_URL_NOT_SENDABLE }],
    ],
  },
  {
    source: 'ID_Encoding',
    kind: 'rfc',
    robots: 'User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%E3%83%84\n',
    checks: [
      ['FooBot', 'http://foo.bar/foo/bar/%E3%83%84', true],
      ['FooBot', 'http://foo.bar/foo/bar/ツ', false, { allowed: true, why: RAW_URL_NOT_SENDABLE }],
    ],
  },
  {
    source: 'ID_Encoding',
    kind: 'rfc',
    robots: 'User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n',
    checks: [
      ['FooBot', 'http://foo.bar/foo/bar/baz', false, { allowed: true, why: RFC_DECODES_UNRESERVED }],
      ['FooBot', 'http://foo.bar/foo/bar/%62%61%7A', true],
    ],
  },

  // ---- ID_SpecialCharacters
  {
    source: 'ID_SpecialCharacters',
    kind: 'rfc',
    robots: 'User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n',
    checks: [
      ['FooBot', 'http://foo.bar/foo/bar/quz', false],
      ['FooBot', 'http://foo.bar/foo/quz', true],
      ['FooBot', 'http://foo.bar/foo//quz', true],
      ['FooBot', 'http://foo.bar/foo/bax/quz', true],
    ],
  },
  {
    source: 'ID_SpecialCharacters',
    kind: 'rfc',
    robots: 'User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n',
    checks: [
      ['FooBot', 'http://foo.bar/foo/bar', false],
      ['FooBot', 'http://foo.bar/foo/bar/qux', true],
      ['FooBot', 'http://foo.bar/foo/bar/', true],
      ['FooBot', 'http://foo.bar/foo/bar/baz', true],
    ],
  },
  {
    source: 'ID_SpecialCharacters',
    kind: 'rfc',
    robots: 'User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n',
    checks: [['FooBot', 'http://foo.bar/foo/bar', true], ['FooBot', 'http://foo.bar/foo/quz', false]],
  },

  // ---- GoogleOnly_IndexHTMLisDirectory
  {
    source: 'GoogleOnly_IndexHTMLisDirectory',
    kind: 'google',
    robots: 'User-Agent: *\nAllow: /allowed-slash/index.html\nDisallow: /\n',
    checks: [
      ['foobot', 'http://foo.com/allowed-slash/', true],
      ['foobot', 'http://foo.com/allowed-slash/index.htm', false],
      ['foobot', 'http://foo.com/allowed-slash/index.html', true],
      ['foobot', 'http://foo.com/anyother-url', false],
    ],
  },

  // ---- GoogleOnly_LineTooLong
  {
    source: 'GoogleOnly_LineTooLong',
    kind: 'google',
    robots: `user-agent: FooBot\ndisallow: ${LONG_DISALLOW}/qux\n`,
    checks: [['FooBot', 'http://foo.bar/fux', true], ['FooBot', `http://foo.bar${LONG_DISALLOW}/fux`, false]],
  },
  {
    source: 'GoogleOnly_LineTooLong',
    kind: 'google',
    robots: `user-agent: FooBot\ndisallow: /\nallow: ${LONG_ALLOW_A}/qux\nallow: ${LONG_ALLOW_B}/qux\n`,
    checks: [
      ['FooBot', 'http://foo.bar/', false],
      ['FooBot', `http://foo.bar${LONG_ALLOW_A}/qux`, true],
      ['FooBot', `http://foo.bar${LONG_ALLOW_B}/fux`, true],
    ],
  },

  // ---- GoogleOnly_DocumentationChecks
  {
    source: 'GoogleOnly_DocumentationChecks',
    kind: 'google',
    robots: 'user-agent: FooBot\ndisallow: /\nallow: /fish\n',
    checks: [
      ['FooBot', 'http://foo.bar/bar', false],
      ['FooBot', 'http://foo.bar/fish', true],
      ['FooBot', 'http://foo.bar/fish.html', true],
      ['FooBot', 'http://foo.bar/fish/salmon.html', true],
      ['FooBot', 'http://foo.bar/fishheads', true],
      ['FooBot', 'http://foo.bar/fishheads/yummy.html', true],
      ['FooBot', 'http://foo.bar/fish.html?id=anything', true],
      ['FooBot', 'http://foo.bar/Fish.asp', false],
      ['FooBot', 'http://foo.bar/catfish', false],
      ['FooBot', 'http://foo.bar/?id=fish', false],
    ],
  },
  {
    source: 'GoogleOnly_DocumentationChecks',
    kind: 'google',
    robots: 'user-agent: FooBot\ndisallow: /\nallow: /fish*\n',
    checks: [
      ['FooBot', 'http://foo.bar/bar', false],
      ['FooBot', 'http://foo.bar/fish', true],
      ['FooBot', 'http://foo.bar/fish.html', true],
      ['FooBot', 'http://foo.bar/fish/salmon.html', true],
      ['FooBot', 'http://foo.bar/fishheads', true],
      ['FooBot', 'http://foo.bar/fishheads/yummy.html', true],
      ['FooBot', 'http://foo.bar/fish.html?id=anything', true],
      ['FooBot', 'http://foo.bar/Fish.bar', false],
      ['FooBot', 'http://foo.bar/catfish', false],
      ['FooBot', 'http://foo.bar/?id=fish', false],
    ],
  },
  {
    source: 'GoogleOnly_DocumentationChecks',
    kind: 'google',
    robots: 'user-agent: FooBot\ndisallow: /\nallow: /fish/\n',
    checks: [
      ['FooBot', 'http://foo.bar/bar', false],
      ['FooBot', 'http://foo.bar/fish/', true],
      ['FooBot', 'http://foo.bar/fish/salmon', true],
      ['FooBot', 'http://foo.bar/fish/?salmon', true],
      ['FooBot', 'http://foo.bar/fish/salmon.html', true],
      ['FooBot', 'http://foo.bar/fish/?id=anything', true],
      ['FooBot', 'http://foo.bar/fish', false],
      ['FooBot', 'http://foo.bar/fish.html', false],
      ['FooBot', 'http://foo.bar/Fish/Salmon.html', false],
    ],
  },
  {
    source: 'GoogleOnly_DocumentationChecks',
    kind: 'google',
    robots: 'user-agent: FooBot\ndisallow: /\nallow: /*.php\n',
    checks: [
      ['FooBot', 'http://foo.bar/bar', false],
      ['FooBot', 'http://foo.bar/filename.php', true],
      ['FooBot', 'http://foo.bar/folder/filename.php', true],
      ['FooBot', 'http://foo.bar/folder/filename.php?parameters', true],
      ['FooBot', 'http://foo.bar//folder/any.php.file.html', true],
      ['FooBot', 'http://foo.bar/filename.php/', true],
      ['FooBot', 'http://foo.bar/index?f=filename.php/', true],
      ['FooBot', 'http://foo.bar/php/', false],
      ['FooBot', 'http://foo.bar/index?php', false],
      ['FooBot', 'http://foo.bar/windows.PHP', false],
    ],
  },
  {
    source: 'GoogleOnly_DocumentationChecks',
    kind: 'google',
    robots: 'user-agent: FooBot\ndisallow: /\nallow: /*.php$\n',
    checks: [
      ['FooBot', 'http://foo.bar/bar', false],
      ['FooBot', 'http://foo.bar/filename.php', true],
      ['FooBot', 'http://foo.bar/folder/filename.php', true],
      ['FooBot', 'http://foo.bar/filename.php?parameters', false],
      ['FooBot', 'http://foo.bar/filename.php/', false],
      ['FooBot', 'http://foo.bar/filename.php5', false],
      ['FooBot', 'http://foo.bar/php/', false],
      ['FooBot', 'http://foo.bar/filename?php', false],
      ['FooBot', 'http://foo.bar/aaaphpaaa', false],
      ['FooBot', 'http://foo.bar//windows.PHP', false],
    ],
  },
  {
    source: 'GoogleOnly_DocumentationChecks',
    kind: 'google',
    robots: 'user-agent: FooBot\ndisallow: /\nallow: /fish*.php\n',
    checks: [
      ['FooBot', 'http://foo.bar/bar', false],
      ['FooBot', 'http://foo.bar/fish.php', true],
      ['FooBot', 'http://foo.bar/fishheads/catfish.php?parameters', true],
      ['FooBot', 'http://foo.bar/Fish.PHP', false],
    ],
  },
  { source: 'GoogleOnly_DocumentationChecks', kind: 'google', robots: 'user-agent: FooBot\nallow: /p\ndisallow: /\n', checks: [['FooBot', 'http://example.com/page', true]] },
  { source: 'GoogleOnly_DocumentationChecks', kind: 'google', robots: 'user-agent: FooBot\nallow: /folder\ndisallow: /folder\n', checks: [['FooBot', 'http://example.com/folder/page', true]] },
  { source: 'GoogleOnly_DocumentationChecks', kind: 'google', robots: 'user-agent: FooBot\nallow: /page\ndisallow: /*.htm\n', checks: [['FooBot', 'http://example.com/page.htm', false]] },
  {
    source: 'GoogleOnly_DocumentationChecks',
    kind: 'google',
    robots: 'user-agent: FooBot\nallow: /$\ndisallow: /\n',
    checks: [['FooBot', 'http://example.com/', true], ['FooBot', 'http://example.com/page.html', false]],
  },

  // ---- ID_LinesNumbersAreCountedCorrectly (adapted)
  ...[
    'User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /\n',
    'User-Agent: foo\r\nAllow: /some/path\r\nUser-Agent: bar\r\n\r\n\r\nDisallow: /\r\n',
    'User-Agent: foo\rAllow: /some/path\rUser-Agent: bar\r\r\rDisallow: /\r',
    'User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nDisallow: /',
    'User-Agent: foo\nAllow: /some/path\r\nUser-Agent: bar\n\r\n\nDisallow: /',
  ].map(
    (robots): Block => ({
      source: 'ID_LinesNumbersAreCountedCorrectly',
      kind: 'rfc',
      robots,
      adapted: LINE_COUNT_ADAPTED,
      checks: [['bar', 'http://foo.bar/x', false], ['foo', 'http://foo.bar/x', true]],
    }),
  ),

  // ---- ID_UTF8ByteOrderMarkIsSkipped (adapted)
  { source: 'ID_UTF8ByteOrderMarkIsSkipped', kind: 'rfc', robots: '\uFEFFUser-Agent: foo\nDisallow: /AnyValue\n', adapted: BOM_ADAPTED, checks: [['foo', 'http://foo.bar/AnyValue', false]] },
  { source: 'ID_UTF8ByteOrderMarkIsSkipped', kind: 'rfc', prefixHex: 'efbb', robots: 'User-Agent: foo\nDisallow: /AnyValue\n', adapted: BOM_ADAPTED, checks: [['foo', 'http://foo.bar/AnyValue', false]] },
  { source: 'ID_UTF8ByteOrderMarkIsSkipped', kind: 'rfc', prefixHex: 'ef', robots: 'User-Agent: foo\nDisallow: /AnyValue\n', adapted: BOM_ADAPTED, checks: [['foo', 'http://foo.bar/AnyValue', false]] },
  {
    source: 'ID_UTF8ByteOrderMarkIsSkipped',
    kind: 'rfc',
    prefixHex: 'ef11bf',
    robots: 'User-Agent: foo\nDisallow: /AnyValue\n',
    adapted: `${BOM_ADAPTED} A broken mark makes the first line garbage, so the Disallow is in no group.`,
    checks: [['foo', 'http://foo.bar/AnyValue', true]],
  },
  {
    source: 'ID_UTF8ByteOrderMarkIsSkipped',
    kind: 'rfc',
    robots: 'User-Agent: foo\n\uFEFFDisallow: /AnyValue\n',
    adapted: `${BOM_ADAPTED} A mark in the middle of the file spoils its line, which then counts as unknown.`,
    checks: [['foo', 'http://foo.bar/AnyValue', true]],
  },
];

/** Every allowed/disallowed check of Google's suite, one per `EXPECT_TRUE`/`EXPECT_FALSE`. */
export const GOOGLE_CASES: RobotsCase[] = BLOCKS.flatMap(({ checks, ...block }) =>
  checks.map(([agent, url, allowed, sdk]): RobotsCase => ({ ...block, agent, url, allowed, ...(sdk ? { sdk } : {}) })),
);

/** ID_NonStandardLineExample_Sitemap: the Sitemap URL is read wherever the line stands. */
export const GOOGLE_SITEMAP_CASES: { source: string; robots: string; sitemaps: string[] }[] = [
  {
    source: 'ID_NonStandardLineExample_Sitemap',
    robots: 'User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nSitemap: http://foo.bar/sitemap.xml\n',
    sitemaps: ['http://foo.bar/sitemap.xml'],
  },
  {
    source: 'ID_NonStandardLineExample_Sitemap',
    robots: 'Sitemap: http://foo.bar/sitemap.xml\nUser-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\n',
    sitemaps: ['http://foo.bar/sitemap.xml'],
  },
];

/** TestGetPathParamsQuery: the part of a URL rules are matched against (absolute URLs only, see above). */
export const GOOGLE_PATH_CASES: { source: string; url: string; path: string }[] = [
  ['http://www.example.com', '/'],
  ['http://www.example.com/', '/'],
  ['http://www.example.com/a', '/a'],
  ['http://www.example.com/a/', '/a/'],
  ['http://www.example.com/a/b?c=http://d.e/', '/a/b?c=http://d.e/'],
  ['http://www.example.com/a/b?c=d&e=f#fragment', '/a/b?c=d&e=f'],
  // Google's scheme-less "example.com…" inputs, with the scheme a fetcher needs.
  ['http://example.com', '/'],
  ['http://example.com/', '/'],
  ['http://example.com/a', '/a'],
  ['http://example.com/a/', '/a/'],
  ['http://example.com/a/b?c=d&e=f#fragment', '/a/b?c=d&e=f'],
  ['http://example.com?a', '/?a'],
  ['http://example.com/a;b#c', '/a;b'],
].map(([url, path]) => ({ source: 'TestGetPathParamsQuery', url: url!, path: path! }));

/** TestMaybeEscapePattern: how a rule's pattern is percent-encoded before matching. */
export const GOOGLE_ESCAPE_CASES: { source: string; pattern: string; escaped: string }[] = [
  ['http://www.example.com', 'http://www.example.com'],
  ['/a/b/c', '/a/b/c'],
  ['á', '%C3%A1'],
  ['%aa', '%AA'],
].map(([pattern, escaped]) => ({ source: 'TestMaybeEscapePattern', pattern: pattern!, escaped: escaped! }));
