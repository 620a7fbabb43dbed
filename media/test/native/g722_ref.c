/*
 * Reference G.722 (64 kbit/s, options 0) through spandsp, for media/test/g722-reference.test.ts.
 *   g722_ref enc [chunkSamples]   16 kHz s16le PCM on stdin  -> G.722 bytes on stdout
 *   g722_ref dec [chunkBytes]     G.722 bytes on stdin       -> 16 kHz s16le PCM on stdout
 * chunk (default: everything at once) feeds the codec in pieces, as the 20 ms RTP path does; the
 * codec state carries across calls. Compiled at test time: cc g722_ref.c -lspandsp (Debian libspandsp-dev).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spandsp.h>

static uint8_t *read_all(size_t *len) {
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = malloc(cap);
  if (!buf) return NULL;
  for (;;) {
    if (n == cap) {
      cap *= 2;
      uint8_t *b = realloc(buf, cap);
      if (!b) { free(buf); return NULL; }
      buf = b;
    }
    size_t r = fread(buf + n, 1, cap - n, stdin);
    if (r == 0) break;
    n += r;
  }
  *len = n;
  return buf;
}

int main(int argc, char **argv) {
  if (argc < 2 || (strcmp(argv[1], "enc") != 0 && strcmp(argv[1], "dec") != 0)) {
    fprintf(stderr, "usage: g722_ref enc|dec [chunk]\n");
    return 2;
  }
  int encode = strcmp(argv[1], "enc") == 0;
  long chunk = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
  size_t len;
  uint8_t *in = read_all(&len);
  if (!in) return 1;
  int rc = 0;
  if (encode) {
    /* Whole sample pairs only: spandsp 0.0.6 consumes two samples per code byte and would read past
       the buffer on an odd count (our encoder drops an odd trailing sample). Chunks must be even. */
    size_t samples = (len / 2) & ~(size_t)1;
    if (chunk % 2 != 0) {
      fprintf(stderr, "g722_ref: enc chunk must be even\n");
      return 2;
    }
    int16_t *pcm = malloc(samples * sizeof(int16_t) + 1);
    uint8_t *out = malloc(samples / 2 + 1);
    memcpy(pcm, in, samples * sizeof(int16_t));
    g722_encode_state_t *s = g722_encode_init(NULL, 64000, 0);
    size_t step = chunk > 0 ? (size_t)chunk : (samples ? samples : 1);
    size_t total = 0;
    for (size_t off = 0; off < samples; off += step) {
      size_t n = samples - off < step ? samples - off : step;
      total += (size_t)g722_encode(s, out + total, pcm + off, (int)n);
    }
    if (fwrite(out, 1, total, stdout) != total) rc = 1;
    g722_encode_free(s);
    free(pcm);
    free(out);
  } else {
    int16_t *out = malloc(len * 2 * sizeof(int16_t) + 2);
    g722_decode_state_t *s = g722_decode_init(NULL, 64000, 0);
    size_t step = chunk > 0 ? (size_t)chunk : (len ? len : 1);
    size_t total = 0;
    for (size_t off = 0; off < len; off += step) {
      size_t n = len - off < step ? len - off : step;
      total += (size_t)g722_decode(s, out + total, in + off, (int)n);
    }
    if (fwrite(out, sizeof(int16_t), total, stdout) != total) rc = 1;
    g722_decode_free(s);
    free(out);
  }
  free(in);
  return rc;
}
