import { parseHtmlDocument } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { extractWindowJob, findWindowJob } from '../src/extract-window-job.js';

function found(script: string): Record<string, unknown> {
  const result = extractWindowJob(script);
  if (result.status !== 'found') throw new Error(`expected window.job, got ${JSON.stringify(result)}`);
  return result.value;
}

describe('extractWindowJob', () => {
  it('parses a plain assignment', () => {
    expect(found('window.job = {"id": 1, "title": "Intern"};')).toEqual({ id: 1, title: 'Intern' });
  });

  it('keeps `};` and braces inside strings, with nested objects and arrays', () => {
    const script = `
      window.job = {"id":2,"title":"Fish};Wildlife","description":"<p>a { b } c };</p>",
        "employer":{"name":"Acme","address":{"city":"Calgary","lines":["1 }; St", "{"]}},
        "tags":[{"t":"x"},{"t":"}"}]};
      window.after = 1;`;
    expect(found(script)).toEqual({
      id: 2,
      title: 'Fish};Wildlife',
      description: '<p>a { b } c };</p>',
      employer: { name: 'Acme', address: { city: 'Calgary', lines: ['1 }; St', '{'] } },
      tags: [{ t: 'x' }, { t: '}' }],
    });
  });

  it('respects escaped quotes and backslashes inside strings', () => {
    const script = String.raw`window.job = {"a":"say \"};\" now","b":"C:\\","c":"\u007d<\/script>"};`;
    expect(found(script)).toEqual({ a: 'say "};" now', b: 'C:\\', c: '}</script>' });
  });

  it('does not take window.jobBoard, window.jobs or comparisons for the assignment', () => {
    const script = `
      window.jobBoard = {"name":"ECO Works"};
      window.jobs = [{"id":9}];
      if (window.job == null) { console.log("none"); }
      window.job = {"id":3};`;
    expect(found(script)).toEqual({ id: 3 });
  });

  it('ignores window.job inside strings, comments, template literals and regex literals', () => {
    const script = `
      var s = "window.job = {\\"id\\": 666}";
      var t = 'window.job = {"id": 667}';
      // window.job = {"id": 668};
      /* window.job = {"id": 669}; */
      var u = \`window.job = {"id": 670}\`;
      var re = /window.job = {"id": 671}/g;
      function q(x) { return /"/.test(x); }
      window.job = {"id": 4};`;
    expect(found(script)).toEqual({ id: 4 });
  });

  it('does not mistake a quote inside a regex literal for the start of a string', () => {
    // Each on one line: a scanner that took the `"` in the regex for a string would swallow the assignment.
    expect(found('f(/"/); var s = "x"; window.job = {"id": 10};')).toEqual({ id: 10 });
    expect(found('function q(x) { return /"/.test(x) ? "a" : "b"; } window.job = {"id": 11};')).toEqual({ id: 11 });
    expect(found('var half = total / 2, s = "/"; window.job = {"id": 12};')).toEqual({ id: 12 });
  });

  it('accepts window["job"] and a missing trailing semicolon', () => {
    expect(found(`window['job'] = {"id":5}\nfoo()`)).toEqual({ id: 5 });
    expect(found('window["job"]={"id":6}')).toEqual({ id: 6 });
  });

  it('does not match another object ending in window', () => {
    expect(extractWindowJob('mywindow.job = {"id":1}; self.window.job = {"id":2};')).toEqual({ status: 'absent' });
  });

  it('reports absence', () => {
    expect(extractWindowJob('')).toEqual({ status: 'absent' });
    expect(extractWindowJob('window.dataLayer = [];')).toEqual({ status: 'absent' });
  });

  it('reports an unclosed object, a non-object and JavaScript that is not JSON', () => {
    expect(extractWindowJob('window.job = {"id": 1, "t": "x"').status).toBe('malformed');
    expect(extractWindowJob('window.job = null;').status).toBe('malformed');
    const js = extractWindowJob("window.job = {id: 1, title: 'x'};");
    expect(js.status).toBe('malformed');
    expect(js.status === 'malformed' && js.reason).toMatch(/not valid JSON/);
  });

  it('takes the first candidate that parses after a malformed one', () => {
    expect(found('window.job = {oops};\nwindow.job = {"id": 8};')).toEqual({ id: 8 });
  });

  it('never runs page code', () => {
    const g = globalThis as Record<string, unknown>;
    delete g.__ecoPwned;
    const script = 'globalThis.__ecoPwned = true; window.job = {"id": 9, "x": "\\"+(globalThis.__ecoPwned=true)+\\""};';
    expect(found(script)).toEqual({ id: 9, x: '"+(globalThis.__ecoPwned=true)+"' });
    expect(g.__ecoPwned).toBeUndefined();
  });
});

describe('findWindowJob', () => {
  it('searches inline scripts only, skipping JSON-LD and external scripts', () => {
    const document = parseHtmlDocument(`<!doctype html><html><head>
      <script src="/app.js">window.job = {"id": 100}</script>
      <script type="application/ld+json">{"@type":"JobPosting","x":"window.job = {\\"id\\": 101}"}</script>
      <script>window.analytics = {"page":"job"};</script>
      </head><body><p>Don't window.job = {"id": 102}</p>
      <script type="text/javascript">
        window.job = {"id": 103, "description": "<p>Tom &amp; Jerry</p><script>alert(1)<\\/script>"};
      </script></body></html>`);
    expect(findWindowJob(document)).toEqual({
      status: 'found',
      value: { id: 103, description: '<p>Tom &amp; Jerry</p><script>alert(1)</script>' },
    });
  });

  it('reports absent and malformed pages', () => {
    expect(findWindowJob(parseHtmlDocument('<html><body><script>var a = 1;</script></body></html>'))).toEqual({ status: 'absent' });
    expect(findWindowJob(parseHtmlDocument('<html><body><script>window.job = {"a": </script></body></html>')).status).toBe('malformed');
  });
});
