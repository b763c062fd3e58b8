/* The network side of `annalist serve`: libmicrohttpd daemon, request bodies with a cap, the
 * access log, and graceful shutdown on SIGTERM. Routing lives in api.c. */
#include "annalist/serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct http_ctx {
    ann_serve_server *srv;
    size_t max_body;
    int quiet;
    atomic_int in_flight;      /* requests whose headers arrived and whose reply is not sent yet */
    atomic_int stopping;
} http_ctx;

/* One request's state, created when its request line arrives (URI log callback). */
typedef struct conn_req {
    char *raw_uri;
    struct timespec t0;
    ann_buf body;
    int started, status;
    size_t bytes;
    char method[16];
} conn_req;

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
    conn_req *r = ann_xcalloc(1, sizeof *r);
    /* Bounded: MHD keeps the request line within its per-connection memory limit. */
    r->raw_uri = ann_xstrdup(uri ? uri : "");
    clock_gettime(CLOCK_MONOTONIC, &r->t0);
    return r;
}

static void client_addr(struct MHD_Connection *con, char *out, size_t n)
{
    snprintf(out, n, "-");
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr) return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)n);
}

static void on_completed(void *cls, struct MHD_Connection *con, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    http_ctx *h = cls;
    conn_req *r = *con_cls;
    if (!r) return;
    if (r->started) atomic_fetch_sub(&h->in_flight, 1);
    if (!h->quiet) {
        char addr[64], when[32];
        client_addr(con, addr, sizeof addr);
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        /* The URI is the client's: print it escaped so a log line stays one line. */
        char uri[512];
        size_t k = 0;
        for (const unsigned char *p = (const unsigned char *)r->raw_uri; *p && k + 5 < sizeof uri; p++) {
            if (*p < 0x20 || *p == '"' || *p == '\\' || *p >= 0x7f) k += (size_t)snprintf(uri + k, 5, "\\x%02x", *p);
            else uri[k++] = (char)*p;
        }
        uri[k] = 0;
        const char *how = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? ""
                          : toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? " (timed out)"
                          : toe == MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN ? " (shutdown)"
                          : toe == MHD_REQUEST_TERMINATED_CLIENT_ABORT ? " (client closed)"
                          : " (aborted)";
        fprintf(stderr, "%s %s \"%s %s\" %d %zu %.2fms%s\n", when, addr, r->method[0] ? r->method : "-",
                uri, r->status, r->bytes, ms_since(&r->t0), how);
    }
    free(r->raw_uri);
    ann_buf_free(&r->body);
    free(r);
    *con_cls = NULL;
}

static const char *lookup_arg(void *ctx, const char *name)
{
    return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result queue(http_ctx *h, struct MHD_Connection *con, conn_req *r, ann_serve_resp *res)
{
    struct MHD_Response *mr = NULL;
    if (res->file_path) {
        int fd = open(res->file_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        struct stat st;
        if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
            mr = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
            r->bytes = (size_t)st.st_size;
        }
        if (!mr) {
            if (fd >= 0) close(fd);
            ann_serve_resp_free(res);
            ann_serve_error(res, 404, "no such file");
        }
    }
    if (!mr) {
        r->bytes = res->body.len;
        mr = MHD_create_response_from_buffer(res->body.len, res->body.s ? res->body.s : (char *)"",
                                             MHD_RESPMEM_MUST_COPY);
    }
    if (!mr) return MHD_NO;
    MHD_add_response_header(mr, "Content-Type", res->content_type ? res->content_type : "application/json");
    MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(mr, "Referrer-Policy", "no-referrer");
    /* The dashboard may talk only to this server: the machine it runs on can be offline. */
    MHD_add_response_header(mr, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'");
    MHD_add_response_header(mr, "Cache-Control", res->cache ? res->cache : "no-store");
    if (res->status == 405) MHD_add_response_header(mr, "Allow", "GET, HEAD, POST");
    if (atomic_load(&h->stopping)) MHD_add_response_header(mr, "Connection", "close");
    r->status = res->status;
    enum MHD_Result ok = MHD_queue_response(con, (unsigned)res->status, mr);
    MHD_destroy_response(mr);
    ann_serve_resp_free(res);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *data_size, void **con_cls)
{
    http_ctx *h = cls;
    conn_req *r = *con_cls;
    if (!r) return MHD_NO; /* cannot happen: on_uri always runs first */
    if (!r->started) {
        r->started = 1;
        atomic_fetch_add(&h->in_flight, 1);
        snprintf(r->method, sizeof r->method, "%s", method);
        /* RFC 9112: an HTTP/1.1 request without Host is malformed (MHD 0.9.75 lets it pass). */
        if (!strcmp(version, MHD_HTTP_VERSION_1_1) &&
            !MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST)) {
            ann_serve_resp res = {0};
            ann_serve_error(&res, 400, "HTTP/1.1 request without a Host header");
            return queue(h, con, r, &res);
        }
        /* Refuse an announced oversized body before reading any of it. */
        const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(cl, &end, 10);
            if (errno || *end || n > h->max_body) {
                ann_serve_resp res = {0};
                ann_serve_error(&res, 413, "request body over the %zu-byte limit (see --max-body)", h->max_body);
                return queue(h, con, r, &res);
            }
        }
        return MHD_YES;
    }
    if (*data_size) {
        if (r->body.len + *data_size > h->max_body) {
            /* A chunked body that outgrew the cap: MHD cannot reply mid-upload, so drop the
             * connection instead of reading an unbounded stream. */
            r->status = 413;
            return MHD_NO;
        }
        ann_buf_add(&r->body, data, *data_size);
        *data_size = 0;
        return MHD_YES;
    }
    ann_serve_req req = {.method = method, .path = url, .raw_uri = r->raw_uri,
                        .arg = lookup_arg, .arg_ctx = con,
                        .content_type = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
                                                                    MHD_HTTP_HEADER_CONTENT_TYPE),
                        .body = r->body.s ? r->body.s : "", .body_len = r->body.len};
    ann_serve_resp res = {0};
    ann_serve_handle(h->srv, &req, &res);
    return queue(h, con, r, &res);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    http_ctx *h = cls;
    if (h->quiet) return;
    fputs("annalist: serve: ", stderr);
    vfprintf(stderr, fmt, ap);
}

/* Parses a numeric IPv4 or IPv6 address. */
static int make_addr(const char *host, int port, struct sockaddr_storage *ss, int *v6)
{
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        *v6 = 0;
        return 0;
    }
    if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *v6 = 1;
        return 0;
    }
    return -1;
}

int ann_serve_run(const ann_serve_opts *o, ann_err *err)
{
    const char *host = o->host ? o->host : "127.0.0.1";
    struct sockaddr_storage ss;
    int v6;
    if (make_addr(host, o->port, &ss, &v6) < 0) {
        ann_err_set(err, 2, "--listen: '%s' is not a numeric IPv4 or IPv6 address (e.g. 127.0.0.1:8080)", host);
        return -1;
    }
    ann_serve_server *srv = ann_serve_open(o, err);
    if (!srv) return -1;

    http_ctx h = {.srv = srv, .max_body = o->max_body ? o->max_body : ANN_SERVE_MAX_BODY_DEFAULT,
                  .quiet = o->quiet};
    atomic_init(&h.in_flight, 0);
    atomic_init(&h.stopping, 0);

    /* Block the shutdown signals before MHD starts its threads so that only sigwait sees them. */
    sigset_t sigs, old;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, &old);
    signal(SIGPIPE, SIG_IGN);

    /* A thread per connection, so a slow query holds up only its own client: /v1/health and
     * the dashboard's files keep answering while queries queue for the -j query slots. */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_AUTO |
                     MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (v6) flags |= MHD_USE_IPv6;
    unsigned threads = o->threads > 0 ? (unsigned)o->threads : 1;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, &h,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, &h,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_STACK_SIZE, (size_t)1024 * 1024,
        MHD_OPTION_CONNECTION_LIMIT, o->max_conns ? o->max_conns : 256u,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->max_conns_per_ip,
        MHD_OPTION_CONNECTION_TIMEOUT, o->timeout_s ? o->timeout_s : 15u,
        /* Caps what one connection may hold for its request line and headers. */
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, &h,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, &h,
        MHD_OPTION_END);
    if (!d) {
        ann_err_set(err, 1, "cannot listen on %s:%d (%s); is another server using the port? Try --listen %s:0",
                    host, o->port, strerror(errno), host);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        ann_serve_close(srv);
        return -1;
    }
    int port = o->port;
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    if (di) port = di->port;
    fprintf(stderr, "annalist: serving %s on http://%s%s%s:%d/ (%u query worker%s, up to %u connections; "
                    "SIGTERM stops)\n",
            o->db ? o->db : "(no store)", v6 ? "[" : "", host, v6 ? "]" : "", port, threads,
            threads == 1 ? "" : "s", o->max_conns ? o->max_conns : 256u);
    if (o->port_file) {
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s.tmp", o->port_file);
        FILE *f = fopen(tmp, "w");
        if (!f || fprintf(f, "%d\n", port) < 0 || fclose(f) != 0 || rename(tmp, o->port_file) != 0)
            fprintf(stderr, "annalist: serve: cannot write the port to %s (%s); serving anyway\n",
                    o->port_file, strerror(errno));
    }

    int sig = 0;
    while (sigwait(&sigs, &sig) != 0) {}
    atomic_store(&h.stopping, 1);
    fprintf(stderr, "annalist: serve: %s received, finishing %d in-flight request(s)\n",
            sig == SIGTERM ? "SIGTERM" : "SIGINT", atomic_load(&h.in_flight));
    MHD_socket ls = MHD_quiesce_daemon(d);
    if (ls != MHD_INVALID_SOCKET) close(ls);
    unsigned drain_ms = (o->drain_s ? o->drain_s : 10u) * 1000u;
    for (unsigned waited = 0; atomic_load(&h.in_flight) > 0 && waited < drain_ms; waited += 10) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    int left = atomic_load(&h.in_flight);
    MHD_stop_daemon(d);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    ann_serve_close(srv);
    if (left > 0) fprintf(stderr, "annalist: serve: stopped with %d request(s) unfinished after the drain time\n", left);
    else fprintf(stderr, "annalist: serve: stopped\n");
    return 0;
}
