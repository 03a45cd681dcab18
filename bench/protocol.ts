/** Messages between bench/run.ts and the server processes it forks. */
export interface ServerStart {
  databaseUrl: string;
  /** The app's login page as one request got it, which the baseline sends with its own CSRF token and nonce. */
  loginHtml?: string;
  /** That answer's headers but those of the connection and the cookie (the baseline sets its own). */
  loginHeaders?: Record<string, string>;
}

export interface ServerReady {
  port: number;
}
