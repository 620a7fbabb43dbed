/*
 * Native RTP receiver for `npm run bench:media` (Linux only). Built by the bench with `cc -O2`.
 *
 * Binds <streams> UDP sockets on 127.0.0.1 (ephemeral ports), enables SO_TIMESTAMPNS (the kernel's
 * receive timestamp, taken when the packet enters the loopback device's receive path, i.e. right at
 * the sender's sendto) and SO_RXQ_OVFL (packets the kernel dropped because a socket buffer was
 * full), and drains all sockets with epoll + recvmmsg. Per RTP packet it records: stream index, RTP
 * sequence number, kernel receive timestamp (ns) and the time this process read it (ns, same clock),
 * so the bench can tell the sender's jitter (kernel timestamps) from the receiver's wake-up latency.
 *
 * Protocol (line based):
 *   stdout, at start:     "ports <p0> <p1> ... <pN-1>\n"
 *   stdin "measure\n":    start recording (packets before it are ignored)
 *   stdin "stop\n":       stdout "report <records> <kernelDrops>\n", then one line per record
 *                         "<stream> <seq> <kernelNs> <userNs>\n", then "end\n"; exit 0
 *                         (ns since this process started, CLOCK_REALTIME; kernelNs -1: no timestamp)
 *   stdin EOF:            exit 0 without a report
 * RTCP (second byte 200..204) and packets shorter than an RTP header are ignored: a session's RTCP
 * goes to remotePort + 1, which may be another stream's socket.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define PKT_MAX 2048

struct record {
  uint32_t stream;
  uint32_t seq;
  int64_t kernel_ns;
  int64_t user_ns;
};

static struct record *records;
static int64_t t0_ns; /* reported times are relative to this, so they fit a JS number exactly */
static size_t n_records, cap_records;

static void die(const char *what) {
  fprintf(stderr, "rtp_rx: %s: %s\n", what, strerror(errno));
  exit(2);
}

static int64_t now_ns(void) {
  struct timespec ts;
  /* Kernel receive timestamps are CLOCK_REALTIME; compare like with like. */
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void push(uint32_t stream, uint32_t seq, int64_t kns, int64_t uns) {
  if (n_records == cap_records) {
    cap_records = cap_records ? cap_records * 2 : 65536;
    records = realloc(records, cap_records * sizeof *records);
    if (!records) die("realloc");
  }
  records[n_records++] = (struct record){stream, seq, kns, uns};
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: rtp_rx <streams>\n");
    return 2;
  }
  int n = atoi(argv[1]);
  if (n <= 0 || n > 4096) {
    fprintf(stderr, "rtp_rx: bad stream count\n");
    return 2;
  }
  int *fds = calloc((size_t)n, sizeof *fds);
  uint32_t *drops = calloc((size_t)n, sizeof *drops); /* SO_RXQ_OVFL counter per socket (cumulative) */
  int ep = epoll_create1(0);
  t0_ns = now_ns();
  if (!fds || !drops || ep < 0) die("setup");

  printf("ports");
  for (int i = 0; i < n; i++) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (fd < 0) die("socket");
    int one = 1;
    int rcvbuf = 1 << 20; /* 1 MiB: a slow read must not turn into "loss" charged to the sender */
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one) < 0) die("SO_TIMESTAMPNS");
    if (setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &one, sizeof one) < 0) die("SO_RXQ_OVFL");
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf); /* best effort (rmem_max caps it) */
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) die("bind");
    socklen_t len = sizeof a;
    if (getsockname(fd, (struct sockaddr *)&a, &len) < 0) die("getsockname");
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl");
    fds[i] = fd;
    printf(" %u", ntohs(a.sin_port));
  }
  printf("\n");
  fflush(stdout);
  struct epoll_event sev = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
  if (epoll_ctl(ep, EPOLL_CTL_ADD, STDIN_FILENO, &sev) < 0) die("epoll_ctl stdin");

  static unsigned char bufs[BATCH][PKT_MAX];
  static char ctrl[BATCH][CMSG_SPACE(sizeof(struct timespec)) + CMSG_SPACE(sizeof(uint32_t))];
  struct iovec iov[BATCH];
  struct mmsghdr msgs[BATCH];
  char cmd[256];
  size_t cmd_len = 0;
  int measuring = 0;

  for (;;) {
    struct epoll_event evs[64];
    int k = epoll_wait(ep, evs, 64, -1);
    if (k < 0) {
      if (errno == EINTR) continue;
      die("epoll_wait");
    }
    for (int e = 0; e < k; e++) {
      uint32_t idx = evs[e].data.u32;
      if (idx == UINT32_MAX) {
        ssize_t r = read(STDIN_FILENO, cmd + cmd_len, sizeof cmd - 1 - cmd_len);
        if (r <= 0) return 0; /* parent went away */
        cmd_len += (size_t)r;
        cmd[cmd_len] = 0;
        char *nl;
        while ((nl = strchr(cmd, '\n')) != NULL) {
          *nl = 0;
          if (strcmp(cmd, "measure") == 0) measuring = 1;
          if (strcmp(cmd, "stop") == 0) {
            uint64_t total_drops = 0;
            for (int i = 0; i < n; i++) total_drops += drops[i];
            printf("report %zu %llu\n", n_records, (unsigned long long)total_drops);
            for (size_t i = 0; i < n_records; i++) {
              struct record *rc = &records[i];
              long long kns = rc->kernel_ns < 0 ? -1 : (long long)(rc->kernel_ns - t0_ns);
              printf("%u %u %lld %lld\n", rc->stream, rc->seq, kns, (long long)(rc->user_ns - t0_ns));
            }
            printf("end\n");
            fflush(stdout);
            return 0;
          }
          size_t used = (size_t)(nl - cmd) + 1;
          memmove(cmd, nl + 1, cmd_len - used + 1);
          cmd_len -= used;
        }
        if (cmd_len >= sizeof cmd - 1) cmd_len = 0; /* garbage line: drop it */
        continue;
      }
      int fd = fds[idx];
      for (;;) {
        for (int i = 0; i < BATCH; i++) {
          iov[i] = (struct iovec){.iov_base = bufs[i], .iov_len = PKT_MAX};
          msgs[i].msg_hdr = (struct msghdr){
              .msg_iov = &iov[i], .msg_iovlen = 1, .msg_control = ctrl[i], .msg_controllen = sizeof ctrl[i]};
          msgs[i].msg_len = 0;
        }
        int got = recvmmsg(fd, msgs, BATCH, MSG_DONTWAIT, NULL);
        if (got < 0) {
          if (errno == EAGAIN || errno == EWOULDBLOCK) break;
          if (errno == EINTR) continue;
          die("recvmmsg");
        }
        int64_t uns = now_ns();
        for (int i = 0; i < got; i++) {
          int64_t kns = -1;
          for (struct cmsghdr *c = CMSG_FIRSTHDR(&msgs[i].msg_hdr); c; c = CMSG_NXTHDR(&msgs[i].msg_hdr, c)) {
            if (c->cmsg_level != SOL_SOCKET) continue;
            if (c->cmsg_type == SCM_TIMESTAMPNS) {
              struct timespec ts;
              memcpy(&ts, CMSG_DATA(c), sizeof ts);
              kns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
            } else if (c->cmsg_type == SO_RXQ_OVFL) {
              memcpy(&drops[idx], CMSG_DATA(c), sizeof(uint32_t));
            }
          }
          const unsigned char *p = bufs[i];
          unsigned len = msgs[i].msg_len;
          if (len < 12 || (p[1] >= 200 && p[1] <= 204)) continue;
          if (measuring) push(idx, ((uint32_t)p[2] << 8) | p[3], kns, uns);
        }
        if (got < BATCH) break;
      }
    }
  }
}
