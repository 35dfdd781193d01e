import { Type, type Static } from 'typebox';

/**
 * Settings of the Greenhouse source. `board` is required: it is the company's board token, the
 * last part of `https://boards.greenhouse.io/<board>`.
 *
 * @example
 * ```ts
 * const config: GreenhouseConfig = { board: 'maplerobotics', companyName: 'Maple Robotics' };
 * ```
 */
export const configSchema = Type.Object(
  {
    board: Type.String({
      pattern: '^[A-Za-z0-9_-]{1,100}$',
      description: 'The board token: https://boards.greenhouse.io/<board>',
    }),
    companyName: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "The employer's name on every posting; default: the API's company_name, else the board token",
      }),
    ),
  },
  { additionalProperties: false },
);

/** The resolved configuration `ctx.config` carries. */
export type GreenhouseConfig = Static<typeof configSchema>;
