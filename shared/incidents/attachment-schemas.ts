/** An incident's evidence stays readable on one page and in one export. */
export const ATTACHMENTS_PER_INCIDENT_MAX = 50;
