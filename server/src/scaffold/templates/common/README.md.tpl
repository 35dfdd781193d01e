# {{packageName}}

Pathfinder source plugin for **{{name}}** (`{{baseUrl}}`).

> Scaffolded by `pathfinder create-plugin`. The code reads a *sample* listing page
> (`test/fixtures/site/jobs.html`); replace the sample with the real site's structure, then fill
> in every section below. The guide: `docs/plugin-authoring.md` in the Pathfinder repository.

| manifest | value |
|---|---|
| id | `{{id}}` |
| baseUrl | `{{baseUrl}}` |
| crawlDelaySeconds | **5** (the engine uses the larger of this and robots.txt `Crawl-delay`) |
| disallowedPaths | `/admin` |
| schedule | `{{scheduleMinute}} */6 * * *` |

## What it reads

_TODO: the URLs the crawl requests, in order, and the page structure it relies on
(selectors, JSON fields). Say what the site's robots.txt allows._

1. **Listing** `{baseUrl}{listPath}`: one `li.job` card per job — the link (title, `href`),
   `.company`, `.location`, `time[datetime]`, `.summary` (`src/parse-listing.ts`).

Each job is yielded once per run (a card listed twice comes out once).

### Field mapping

| posting | from |
|---|---|
| `title`, `originalUrl` | the card's link text and `href` (resolved against the page URL) |
| `externalId` | the card's `data-id` |
| `companyName` | `.company` |
| `city`, `province`, `locationType` | `.location` → SDK `parseLocation` (`locationType` only when the page says remote or hybrid) |
| `datePosted` | `time[datetime]` → SDK `parseDate` (a date alone is midnight in Toronto) |
| `description`, `descriptionHtml` | `.summary` → SDK `htmlToText` / `sanitizeHtml` |

_TODO: the classification this source knows for sure (e.g. every role is an internship → set
`jobType`); leave the rest to the engine's pipeline, which also drops senior roles._

## Configuration (`src/config.ts`)

| field | default | meaning |
|---|---|---|
| `listPath` | `'/jobs'` | path of the listing page, relative to `baseUrl` |

## Known limits and assumptions

_TODO: what nobody has verified on the real site, and what the plugin does when it differs._

## Tests

```sh
{{testCommand}}
```

- `test/{{id}}.test.ts`: the SDK test kit serves `test/fixtures/site` (`routes.json`,
  `robots.txt`, the pages; `{{origin}}` in a page becomes the fixture server's origin) and runs
  `assertSourceContract` — schema-valid postings, robots.txt first, no disallowed path, the crawl
  delay kept on a fake clock, two identical runs, and the golden file
  `test/fixtures/golden.json` (written on the first run: review it, commit it; regenerate with
  `PATHFINDER_UPDATE_GOLDEN=1`). Then targeted assertions on fields.
- `test/parse-listing.test.ts`: the parser on odd input.

{{enableSection}}
