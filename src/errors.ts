/** The one error type of the project: a code that src/http maps to a status, and a message for people. */
export type ErrorCode =
  | 'not_found'
  | 'gone'
  | 'precondition_failed'
  | 'precondition_required'
  | 'conflict'
  | 'bad_request'
  | 'bad_query'
  | 'not_acceptable'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'method_not_allowed'
  | 'not_implemented'
  | 'invalid_data'
  | 'unprocessable'
  | 'invalid_config'
  | 'forbidden'
  | 'unauthorized'
  | 'timeout'
  | 'engine_limit'
  | 'overloaded'
  | 'rate_limited'
  | 'queue_timeout'
  | 'cancelled'
  | 'unavailable'
  | 'internal'

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'AppError'
  }
}

/** A problem in an input file, located so a person can find it: `file:line: problem`. */
export class SourceError extends AppError {
  constructor(readonly file: string, readonly line: number | undefined, readonly problem: string, options?: ErrorOptions) {
    super('invalid_data', `${file}${line === undefined ? '' : `:${line}`}: ${problem}`, { file, line, problem }, options)
    this.name = 'SourceError'
  }
}
