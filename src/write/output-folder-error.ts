/** Raised when the output folder cannot be used: not foundation's, a path in it is not a plain file or folder, or it is locked. */
export class OutputFolderError extends Error {}
