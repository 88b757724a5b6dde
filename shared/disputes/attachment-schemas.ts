import { z } from "zod";
import { Attachment } from "../attachments.ts";

/** A case's file stays readable on one page, as an incident's evidence does. */
export const ATTACHMENTS_PER_DISPUTE_MAX = 50;
/** The form field naming the session the files were made at (the signed sheet of that sitting). */
export const SESSION_FIELD = "sessionId";

export const DisputeAttachment = Attachment.extend({ sessionId: z.uuid().nullable() });
export type DisputeAttachment = z.infer<typeof DisputeAttachment>;
export const DisputeAttachmentList = z.object({ items: z.array(DisputeAttachment) });
