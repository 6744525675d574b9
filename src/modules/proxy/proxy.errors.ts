/**
 * Errors on the `/v1` routes have OpenAI's shape, `{ error: { message, type, param, code } }`, so an
 * OpenAI client raises its usual typed errors (AuthenticationError, NotFoundError, …) for
 * Chatlens's refusals as for the upstream's. The request id travels in `x-request-id`, where
 * OpenAI's clients read it.
 */
import { type OpenAiError, errorType, openAiError } from '../../http/openai-shape.js';

export { type OpenAiError, errorType, openAiError };

/** A refusal of the proxy, answered in OpenAI's shape with its status. */
export class ProxyError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = 'ProxyError';
  }
  body(): OpenAiError {
    return openAiError(this.status, this.message, this.code, this.param);
  }
}

/**
 * An answer of the upstream that is an error (a status of 400 or more), passed to the client with
 * that status. `body` is the upstream's own error when it had OpenAI's shape.
 */
export class UpstreamError extends Error {
  constructor(
    readonly status: number,
    readonly body: OpenAiError,
  ) {
    super(body.error.message);
    this.name = 'UpstreamError';
  }
}
