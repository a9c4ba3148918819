/**
 * The multipart body of a file upload (a `file` field), for the generated client. The OpenAPI
 * document describes the field as a binary string, which TypeScript cannot take as a File; the
 * client sends a FormData as is (multipart/form-data, with the boundary the browser writes).
 */
export function fileForm(file: File): { file: string } {
  const form = new FormData();
  form.append('file', file);
  return form as unknown as { file: string };
}
