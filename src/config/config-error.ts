/** A configuration the service refuses to start with; its message names the variable and the rule. */
export class ConfigError extends Error {}
