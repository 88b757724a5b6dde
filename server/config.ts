import path from "node:path";
import { z } from "zod";
import { AUDIT_RETENTION_MIN_DAYS } from "@shared/audit/schemas.ts";
import { Role } from "@shared/roles.ts";
import type { EmbeddedSync } from "./db/client.ts";

const WEAK_SECRETS = new Set(["secret", "changeme", "change-me", "password", "huajie", "development"]);

const Env = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().optional(),
  /** Embedded database: sync each commit to the disk before answering (`commit`), or not (`off`). */
  EMBEDDED_SYNC: z.enum(["commit", "off"]).default("commit"),
  SESSION_SECRET: z.string().optional(),
  IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Roles whose accounts must sign in with two-factor, comma-separated (e.g. admin,leader); none when empty. */
  TWO_FACTOR_REQUIRED_ROLES: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((role) => role.trim()).filter(Boolean))
    .pipe(z.array(Role)),

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
  /** How long audit rows are kept at least; MLPS level 3 asks for 180 days, the floor. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().max(36_500).default(AUDIT_RETENTION_MIN_DAYS),
  /** Whether rows past the retention are removed (daily, behind an anchor); by default nothing is. */
  AUDIT_PRUNE: z.enum(["true", "false"]).default("false"),
});

export interface Config {
  production: boolean;
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  embeddedSync: EmbeddedSync;
  sessionSecret: string;
  idleTimeoutMinutes: number;
  lockoutAttempts: number;
  lockoutWindowMinutes: number;
  twoFactorRequiredRoles: Role[];

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
  auditRetentionDays: number;
  auditPrune: boolean;
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
  if (e.AUDIT_RETENTION_DAYS < AUDIT_RETENTION_MIN_DAYS) {
    throw new ConfigError(
      `AUDIT_RETENTION_DAYS is ${e.AUDIT_RETENTION_DAYS}: audit records are kept at least ${AUDIT_RETENTION_MIN_DAYS} days (MLPS level 3, 等保三级).`,
    );
  }
  return {
    production,
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    embeddedSync: e.EMBEDDED_SYNC,
    sessionSecret: secret || "development-only-secret-not-for-production",
    idleTimeoutMinutes: e.IDLE_TIMEOUT_MINUTES,
    lockoutAttempts: e.LOCKOUT_ATTEMPTS,
    lockoutWindowMinutes: e.LOCKOUT_WINDOW_MINUTES,
    twoFactorRequiredRoles: e.TWO_FACTOR_REQUIRED_ROLES,

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
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    auditPrune: e.AUDIT_PRUNE === "true",
    demo: false,
    ...overrides,
  };
}
