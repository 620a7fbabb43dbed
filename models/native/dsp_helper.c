/*
 * speexdsp's preprocessor (spectral noise suppression) for the caller-audio cleaner, as a child
 * process: one helper serves every call of the box, each call a stream with its own state.
 *
 * Why a helper process: speexdsp is C with no Node binding or WebAssembly build here, and a
 * process keeps its work off the event loop that paces RTP, like ps_helper.
 *
 * Protocol on stdin/stdout, little-endian, one request answered by one reply, in order:
 *   request: u32 stream, u8 op (1 process, 2 close), u8 suppressDb (noise suppression, dB below
 *            the speech, 0 = the default 15), u16 n, then n int16 samples at 16 kHz (op 1 only)
 *   reply:   u32 stream, u16 m, then m int16 samples: the whole 20 ms frames the stream has
 *            gathered, denoised (a carry short of a frame waits for the next request; m = 0 for
 *            a close).
 * A stream unknown here starts fresh. Bad input (n over the limit, an unknown op) ends the helper
 * with exit code 2; the parent restarts it.
 */
#include <speex/speex_preprocess.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 16000
#define FRAME 320   /* 20 ms at 16 kHz */
#define MAX_IN 16000 /* one request: at most 1 s */
#define MAX_STREAMS 4096

typedef struct {
  uint32_t id;
  SpeexPreprocessState *st;
  int16_t carry[FRAME];
  int carried;
} Stream;

static Stream streams[MAX_STREAMS];
static int nstreams = 0;

static int read_full(void *buf, size_t n) {
  return fread(buf, 1, n, stdin) == n;
}

static Stream *find(uint32_t id) {
  for (int i = 0; i < nstreams; i++)
    if (streams[i].id == id) return &streams[i];
  return NULL;
}

static Stream *open_stream(uint32_t id, int suppress_db) {
  if (nstreams >= MAX_STREAMS) return NULL;
  Stream *s = &streams[nstreams++];
  memset(s, 0, sizeof *s);
  s->id = id;
  s->st = speex_preprocess_state_init(FRAME, RATE);
  int on = 1, off = 0, sup = -(suppress_db > 0 ? suppress_db : 15);
  speex_preprocess_ctl(s->st, SPEEX_PREPROCESS_SET_DENOISE, &on);
  /* The chain has its own slow AGC (agc.ts) and Silero decides speech: both off here. */
  speex_preprocess_ctl(s->st, SPEEX_PREPROCESS_SET_AGC, &off);
  speex_preprocess_ctl(s->st, SPEEX_PREPROCESS_SET_VAD, &off);
  speex_preprocess_ctl(s->st, SPEEX_PREPROCESS_SET_DEREVERB, &off);
  speex_preprocess_ctl(s->st, SPEEX_PREPROCESS_SET_NOISE_SUPPRESS, &sup);
  return s;
}

static void close_stream(uint32_t id) {
  for (int i = 0; i < nstreams; i++) {
    if (streams[i].id != id) continue;
    speex_preprocess_state_destroy(streams[i].st);
    streams[i] = streams[--nstreams];
    return;
  }
}

static void reply(uint32_t id, const int16_t *pcm, uint16_t m) {
  fwrite(&id, 4, 1, stdout);
  fwrite(&m, 2, 1, stdout);
  if (m) fwrite(pcm, 2, m, stdout);
  fflush(stdout);
}

int main(void) {
  static int16_t in[MAX_IN];
  static int16_t out[MAX_IN + FRAME];
  for (;;) {
    uint8_t head[8];
    if (!read_full(head, sizeof head)) return 0; /* parent closed the pipe */
    uint32_t id;
    uint16_t n;
    memcpy(&id, head, 4);
    uint8_t op = head[4], suppress = head[5];
    memcpy(&n, head + 6, 2);
    if (op == 2) {
      close_stream(id);
      reply(id, NULL, 0);
      continue;
    }
    if (op != 1 || n > MAX_IN) {
      fprintf(stderr, "dsp_helper: bad request (op %u, n %u)\n", op, n);
      return 2;
    }
    if (n && !read_full(in, (size_t)n * 2)) return 0;
    Stream *s = find(id);
    if (!s) s = open_stream(id, suppress);
    if (!s) {
      fprintf(stderr, "dsp_helper: too many streams\n");
      return 2;
    }
    int m = 0, i = 0;
    while (i < n) {
      int take = FRAME - s->carried;
      if (take > n - i) take = n - i;
      memcpy(s->carry + s->carried, in + i, (size_t)take * 2);
      s->carried += take;
      i += take;
      if (s->carried == FRAME) {
        speex_preprocess_run(s->st, s->carry);
        memcpy(out + m, s->carry, sizeof s->carry);
        m += FRAME;
        s->carried = 0;
      }
    }
    reply(id, out, (uint16_t)m);
  }
}
