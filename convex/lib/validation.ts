import { ConvexError } from "convex/values";

/** Domain error codes carried in `ConvexError.data.code`; clients switch on these. */
export type NoteErrorCode = "INVALID_ARGUMENT" | "NOT_FOUND";

export const TITLE_MAX_LENGTH = 200;
export const CONTENT_MAX_LENGTH = 100_000;

/** The note field an INVALID_ARGUMENT concerns, so a form can show the message next to it. */
export type NoteField = "title" | "content";

export function noteError(
  code: NoteErrorCode,
  message: string,
  field?: NoteField,
): ConvexError<{ code: NoteErrorCode; message: string; field?: NoteField }> {
  return new ConvexError(field === undefined ? { code, message } : { code, message, field });
}

/** Returns the trimmed title, or throws INVALID_ARGUMENT when it is empty or too long after trimming. */
export function validTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed.length === 0) {
    throw noteError("INVALID_ARGUMENT", "Title must not be empty.", "title");
  }
  if (trimmed.length > TITLE_MAX_LENGTH) {
    throw noteError("INVALID_ARGUMENT", `Title must be at most ${TITLE_MAX_LENGTH} characters.`, "title");
  }
  return trimmed;
}

/** Returns the content unchanged (whitespace is meaningful in a note body), or throws INVALID_ARGUMENT when too long. */
export function validContent(content: string): string {
  if (content.length > CONTENT_MAX_LENGTH) {
    throw noteError("INVALID_ARGUMENT", `Content must be at most ${CONTENT_MAX_LENGTH} characters.`, "content");
  }
  return content;
}
