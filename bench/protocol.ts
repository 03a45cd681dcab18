/** Messages between bench/run.ts and the server processes it forks. */
export interface ServerStart {
  databaseUrl: string;
  /** The app's login page, served as a constant by the baseline. */
  loginHtml?: string;
}

export interface ServerReady {
  port: number;
}
