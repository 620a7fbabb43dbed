/*
 * ps_helper: a long-lived pocketsphinx decoder process so the acoustic model
 * and dictionary load once (~0.3 s) instead of per utterance.
 *
 * Protocol (stdin, one command per '\n'-terminated line; every command gets
 * exactly one JSON line on stdout, in order):
 *   PING                       -> {"ok":true}
 *   WORD <word> <phone...>     add a dictionary word (for biasing vocabularies)
 *   JSGF <name> <path>         register a JSGF grammar search
 *   LM <name> <path>           register an ARPA/binary n-gram LM search (slow to build: ~20 s
 *                              with the full dictionary; prefer FSG for small bias models)
 *   FSG <name> <path>          register a Sphinx FSG file search (a bigram compiled to an FSG)
 *   LMSET <name> <w> <path>    register an n-gram search over the general LM (the -lm given at
 *                              start, a private copy read at the first LMSET) linearly interpolated with the ARPA
 *                              LM at <path>: P = (1-w) P_general + w P_agent, 0 < w < 1
 *   UNSET <name>               drop a search
 *   START <name>               select search ("default" = the -lm given at start) and start an utterance
 *   DATA <nbytes>\n<bytes>     feed s16le mono 16 kHz PCM (decoded incrementally)
 *   END                        end utterance -> {"ok":true,"hyp":"...","score":N,"prob":N}
 *   STREAM                     a new audio stream (another call's line): resets the front end's
 *                              noise estimate (-remove_noise), which otherwise carries over
 *                              from utterance to utterance whoever spoke them
 *   CMN                        the live cepstral mean (what the next utterance is normalised with)
 *                              -> {"ok":true,"cmn":[c0,c1,...]}
 *   CMN <c0,c1,...>            set the live cepstral mean (the channel's starting point: the
 *                              model's -cmninit is for 16 kHz wideband audio, far from phone audio)
 *   NBEST <n>                  after END: up to n distinct hypotheses of that utterance from its
 *                              lattice, best first -> {"ok":true,"nbest":[{"hyp":"...","score":N},...]}
 * Errors never exit the process: {"ok":false,"error":"..."}.
 */
#include <pocketsphinx.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_BYTES 65536
#define DATA_MAX_BYTES (16000 * 2 * 120) /* 120 s of 16 kHz s16 per DATA command */

static void reply_ok(void) { fputs("{\"ok\":true}\n", stdout); fflush(stdout); }

static void reply_err(const char *msg) {
  fputs("{\"ok\":false,\"error\":\"", stdout);
  for (const char *p = msg; *p; p++) {
    if (*p == '"' || *p == '\\') fputc('\\', stdout);
    if ((unsigned char)*p >= 0x20) fputc(*p, stdout);
  }
  fputs("\"}\n", stdout);
  fflush(stdout);
}

static void put_json_string(const char *s) {
  fputc('"', stdout);
  for (const char *p = s ? s : ""; *p; p++) {
    if (*p == '"' || *p == '\\') fputc('\\', stdout);
    if ((unsigned char)*p >= 0x20) fputc(*p, stdout);
  }
  fputc('"', stdout);
}

#define NBEST_MAX 50

static void reply_nbest(ps_decoder_t *ps, int n) {
  /* The A* over the lattice yields the same word string many times (different segmentations,
   * fillers): keep only distinct strings, and stop after a bounded number of steps. */
  char *seen[NBEST_MAX];
  int nseen = 0, steps = 0;
  fputs("{\"ok\":true,\"nbest\":[", stdout);
  ps_nbest_t *it = ps_nbest(ps);
  while (it != NULL && nseen < n && steps < n * 20) {
    steps++;
    int32 score = 0;
    const char *hyp = ps_nbest_hyp(it, &score);
    if (hyp != NULL) {
      int dup = 0;
      for (int i = 0; i < nseen; i++)
        if (strcmp(seen[i], hyp) == 0) { dup = 1; break; }
      if (!dup) {
        seen[nseen] = strdup(hyp);
        if (nseen > 0) fputc(',', stdout);
        fputs("{\"hyp\":", stdout);
        put_json_string(hyp);
        fprintf(stdout, ",\"score\":%d}", score);
        nseen++;
      }
    }
    it = ps_nbest_next(it);
  }
  if (it != NULL) ps_nbest_free(it);
  for (int i = 0; i < nseen; i++) free(seen[i]);
  fputs("]}\n", stdout);
  fflush(stdout);
}

static void reply_hyp(const char *hyp, int score, int prob) {
  fputs("{\"ok\":true,\"hyp\":\"", stdout);
  for (const char *p = hyp ? hyp : ""; *p; p++) {
    if (*p == '"' || *p == '\\') fputc('\\', stdout);
    if ((unsigned char)*p >= 0x20) fputc(*p, stdout);
  }
  fprintf(stdout, "\",\"score\":%d,\"prob\":%d}\n", score, prob);
  fflush(stdout);
}

int main(int argc, char *argv[]) {
  cmd_ln_t *config = cmd_ln_parse_r(NULL, ps_args(), argc, argv, TRUE);
  if (config == NULL) { reply_err("bad decoder arguments"); return 2; }
  ps_default_search_args(config);
  ps_decoder_t *ps = ps_init(config);
  if (ps == NULL) { reply_err("decoder init failed"); return 3; }
  char default_search[256];
  snprintf(default_search, sizeof default_search, "%s", ps_get_search(ps) ? ps_get_search(ps) : "_default");
  fputs("{\"ok\":true,\"ready\":true}\n", stdout);
  fflush(stdout);

  static char line[LINE_MAX_BYTES];
  int16 *buf = malloc(DATA_MAX_BYTES);
  int in_utt = 0;
  int have_utt = 0; /* an utterance has ended: NBEST may read its lattice */
  /* The general LM inside the default search's set (ngram_search wraps it as "default"). */
  ngram_model_t *general = NULL;
  /* LMSET's own copy of the general LM (read at the first LMSET; see there). */
  ngram_model_t *own_general = NULL;
  {
    ngram_model_t *dset = ps_get_lm(ps, default_search);
    if (dset != NULL) general = ngram_model_set_lookup(dset, "default");
  }
  while (fgets(line, sizeof line, stdin) != NULL) {
    size_t len = strlen(line);
    if (len > 0 && line[len - 1] == '\n') line[--len] = '\0';
    if (strcmp(line, "PING") == 0) { reply_ok(); continue; }
    if (strncmp(line, "WORD ", 5) == 0) {
      char *word = line + 5;
      char *phones = strchr(word, ' ');
      if (phones == NULL) { reply_err("WORD needs phones"); continue; }
      *phones++ = '\0';
      /* update=FALSE: rebuilding every existing search (the big default LM) takes ~20 s.
       * Searches registered afterwards (JSGF/FSG) see the word. -1 when it already exists. */
      ps_add_word(ps, word, phones, FALSE);
      reply_ok();
      continue;
    }
    if (strncmp(line, "JSGF ", 5) == 0 || strncmp(line, "LM ", 3) == 0) {
      int is_jsgf = line[0] == 'J';
      char *name = line + (is_jsgf ? 5 : 3);
      char *path = strchr(name, ' ');
      if (path == NULL) { reply_err("missing path"); continue; }
      *path++ = '\0';
      int rv = is_jsgf ? ps_set_jsgf_file(ps, name, path) : ps_set_lm_file(ps, name, path);
      if (rv < 0) reply_err(is_jsgf ? "grammar rejected" : "language model rejected"); else reply_ok();
      continue;
    }
    if (strncmp(line, "FSG ", 4) == 0) {
      char *name = line + 4;
      char *path = strchr(name, ' ');
      if (path == NULL) { reply_err("missing path"); continue; }
      *path++ = '\0';
      fsg_model_t *fsg = fsg_model_readfile(path, ps_get_logmath(ps), (float32)cmd_ln_float32_r(config, "-lw"));
      if (fsg == NULL) { reply_err("fsg rejected"); continue; }
      int rv = ps_set_fsg(ps, name, fsg);
      fsg_model_free(fsg);
      if (rv < 0) reply_err("fsg search rejected"); else reply_ok();
      continue;
    }
    if (strncmp(line, "LMSET ", 6) == 0) {
      char *name = line + 6;
      char *wstr = strchr(name, ' ');
      if (wstr == NULL) { reply_err("LMSET needs a weight and a path"); continue; }
      *wstr++ = '\0';
      char *path = strchr(wstr, ' ');
      if (path == NULL) { reply_err("LMSET needs a path"); continue; }
      *path++ = '\0';
      float32 w = (float32)atof(wstr);
      if (!(w > 0.0f && w < 1.0f)) { reply_err("LMSET weight must be in (0,1)"); continue; }
      if (general == NULL) { reply_err("no general LM to interpolate with"); continue; }
      ngram_model_t *agent = ngram_model_read(config, path, NGRAM_AUTO, ps_get_logmath(ps));
      if (agent == NULL) { reply_err("agent language model rejected"); continue; }
      /* The general model of the interpolation is a private copy read once, not the default
       * search's: with the default search's model shared into the set, words added by WORD before
       * the set was built made the decoder read past the trie (SIGSEGV in lm_trie_score, seen on
       * the vet agent's questions; the private copy decodes the same hypotheses and does not
       * crash). Costs one more copy of the general LM per helper (~27 MB for en-us). */
      if (own_general == NULL) {
        const char *lm_path = cmd_ln_str_r(config, "-lm");
        if (lm_path != NULL) own_general = ngram_model_read(config, lm_path, NGRAM_AUTO, ps_get_logmath(ps));
        if (own_general == NULL) { ngram_model_free(agent); reply_err("general language model unreadable"); continue; }
      }
      ngram_model_t *models[2] = { ngram_model_retain(own_general), agent };
      char *names[2] = { "general", "agent" };
      float32 weights[2] = { 1.0f - w, w };
      ngram_model_t *set = ngram_model_set_init(config, models, names, weights, 2);
      if (set == NULL) {
        ngram_model_free(models[0]);
        ngram_model_free(agent);
        reply_err("language model set rejected");
        continue;
      }
      int rv = ps_set_lm(ps, name, set);
      ngram_model_free(set); /* the search holds its own reference */
      if (rv < 0) reply_err("interpolated search rejected"); else reply_ok();
      continue;
    }
    if (strncmp(line, "NBEST ", 6) == 0) {
      long n = strtol(line + 6, NULL, 10);
      if (n < 1 || n > NBEST_MAX) { reply_err("NBEST n must be 1..50"); continue; }
      if (in_utt || !have_utt) { reply_err("NBEST needs an ended utterance"); continue; }
      reply_nbest(ps, (int)n);
      continue;
    }
    if (strcmp(line, "CMN") == 0 || strncmp(line, "CMN ", 4) == 0) {
      feat_t *feat = ps_get_feat(ps);
      cmn_t *cmn = feat != NULL ? feat->cmn_struct : NULL;
      if (cmn == NULL) { reply_err("no cepstral mean in this front end"); continue; }
      if (in_utt) { reply_err("CMN inside an utterance"); continue; }
      if (line[3] == ' ') {
        mfcc_t vec[64];
        int n = 0;
        char *p = line + 4;
        while (n < cmn->veclen && n < 64 && *p != '\0') {
          char *end = NULL;
          double v = strtod(p, &end);
          if (end == p) break;
          vec[n++] = (mfcc_t)v;
          p = end;
          while (*p == ',' || *p == ' ') p++;
        }
        if (n != cmn->veclen || *p != '\0') { reply_err("CMN needs one number per cepstral coefficient"); continue; }
        cmn_live_set(cmn, vec);
        reply_ok();
        continue;
      }
      mfcc_t vec[64];
      if (cmn->veclen > 64) { reply_err("cepstrum too long"); continue; }
      cmn_live_get(cmn, vec);
      fputs("{\"ok\":true,\"cmn\":[", stdout);
      for (int i = 0; i < cmn->veclen; i++) fprintf(stdout, "%s%.2f", i ? "," : "", (double)vec[i]);
      fputs("]}\n", stdout);
      fflush(stdout);
      continue;
    }
    if (strncmp(line, "UNSET ", 6) == 0) {
      if (ps_unset_search(ps, line + 6) < 0) reply_err("no such search"); else reply_ok();
      continue;
    }
    if (strcmp(line, "STREAM") == 0) {
      if (in_utt) { reply_err("STREAM inside an utterance"); continue; }
      if (ps_start_stream(ps) < 0) reply_err("stream start failed"); else reply_ok();
      continue;
    }
    if (strncmp(line, "START ", 6) == 0) {
      const char *name = line + 6;
      if (strcmp(name, "default") == 0) name = default_search;
      if (in_utt) { ps_end_utt(ps); in_utt = 0; }
      if (ps_set_search(ps, name) < 0) { reply_err("no such search"); continue; }
      have_utt = 0;
      if (ps_start_utt(ps) < 0) { reply_err("start failed"); continue; }
      in_utt = 1;
      reply_ok();
      continue;
    }
    if (strncmp(line, "DATA ", 5) == 0) {
      long n = strtol(line + 5, NULL, 10);
      if (n < 0 || n > DATA_MAX_BYTES || (n % 2) != 0) { reply_err("bad DATA length"); break; /* stream is desynchronised */ }
      if (n > 0 && fread(buf, 1, (size_t)n, stdin) != (size_t)n) break;
      if (!in_utt) { reply_err("DATA outside utterance"); continue; }
      if (ps_process_raw(ps, buf, (size_t)n / 2, FALSE, FALSE) < 0) reply_err("decode failed"); else reply_ok();
      continue;
    }
    if (strcmp(line, "END") == 0) {
      if (!in_utt) { reply_err("END outside utterance"); continue; }
      ps_end_utt(ps);
      in_utt = 0;
      have_utt = 1;
      int32 score = 0;
      const char *hyp = ps_get_hyp(ps, &score);
      reply_hyp(hyp, score, ps_get_prob(ps));
      continue;
    }
    reply_err("unknown command");
  }
  free(buf);
  if (own_general != NULL) ngram_model_free(own_general);
  ps_free(ps);
  cmd_ln_free_r(config);
  return 0;
}
