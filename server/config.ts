import path from "node:path";
import { z } from "zod";

const WEAK_SECRETS = new Set(["secret", "changeme", "change-me", "password", "huajie", "development"]);

const Env = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().optional(),
  SESSION_SECRET: z.string().optional(),
  IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Per node (in memory): the window the rate limits below count in. */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  SIGN_IN_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(30),
  SIGN_IN_RATE_LIMIT_PER_USERNAME: z.coerce.number().int().min(1).max(100_000).default(10),
  PUBLIC_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(120),
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** E-mail notifications: smtp://user:pass@host:587 (or smtps://…:465); none when unset. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().default("Huajie 化解 <noreply@localhost>"),
  /** Where SMS notifications go: nowhere, or the log (a provider's adapter plugs in beside it). */
  SMS_ADAPTER: z.enum(["none", "log"]).default("none"),
});

export interface Config {
  production: boolean;
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  sessionSecret: string;
  idleTimeoutMinutes: number;
  lockoutAttempts: number;
  lockoutWindowMinutes: number;
  rateLimitWindowSeconds: number;
  signInRateLimitPerAddress: number;
  signInRateLimitPerUsername: number;
  publicRateLimitPerAddress: number;
  /** Also what turns HSTS on: a deployment whose cookies need HTTPS is served over it. */
  cookieSecure: boolean;
  trustProxy: boolean;
  logLevel: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  smsAdapter: "none" | "log";
  /** Set by `huajie demo`: the UI header says so. */
  demo: boolean;
}

export class ConfigError extends Error {}

/** Reads the settings from the environment; refuses a production start without a strong secret. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new ConfigError(`Invalid settings: ${issues}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const secret = e.SESSION_SECRET ?? "";
  if (production && (secret.length < 32 || WEAK_SECRETS.has(secret.toLowerCase()) || new Set(secret).size < 10)) {
    throw new ConfigError(
      "SESSION_SECRET is missing or weak: in production it must be at least 32 random characters (e.g. `openssl rand -hex 32`).",
    );
  }
  return {
    production,
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    sessionSecret: secret || "development-only-secret-not-for-production",
    idleTimeoutMinutes: e.IDLE_TIMEOUT_MINUTES,
    lockoutAttempts: e.LOCKOUT_ATTEMPTS,
    lockoutWindowMinutes: e.LOCKOUT_WINDOW_MINUTES,
    rateLimitWindowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
    signInRateLimitPerAddress: e.SIGN_IN_RATE_LIMIT_PER_ADDRESS,
    signInRateLimitPerUsername: e.SIGN_IN_RATE_LIMIT_PER_USERNAME,
    publicRateLimitPerAddress: e.PUBLIC_RATE_LIMIT_PER_ADDRESS,
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === "true" : production,
    trustProxy: e.TRUST_PROXY === "true",
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    smsAdapter: e.SMS_ADAPTER,
    demo: false,
    ...overrides,
  };
}
