/* `annalist serve`: the HTTP API and web dashboard over an event store. */
#include "cli.h"
#include "annalist/serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: annalist serve --db PATH_OR_URL [options]\n\n"
    "Serves the JSON API under /v1/ and the web dashboard at / until SIGTERM or SIGINT, then\n"
    "stops accepting connections and lets in-flight requests finish. Access log on stderr.\n\n"
    "  --db PATH_OR_URL       SQLite file or postgresql:// URL (made by 'annalist ingest')\n"
    "  --create               start an empty SQLite store when PATH does not exist\n"
    "  --listen HOST:PORT     address to bind (default 127.0.0.1:8080; port 0 = any free port)\n"
    "  -j N                   worker threads (default: the number of CPUs)\n"
    "  --max-body BYTES       request body cap (default 10485760); larger bodies get 413\n"
    "  --timeout SECONDS      idle connection timeout (default 15)\n"
    "  --max-conns N          concurrent connections (default 256)\n"
    "  --max-conns-per-ip N   concurrent connections from one address (default: no cap)\n"
    "  --drain SECONDS        how long shutdown waits for in-flight requests (default 10)\n"
    "  --web DIR              dashboard files (default: the installed data/web)\n"
    "  --port-file FILE       write the bound port to FILE once listening\n"
    "  --no-cache             answer every query from the store (by default answers are cached\n"
    "                         until the store changes: its file or WAL, or a write by this server)\n"
    "  -q, --quiet            no access log\n\n"
    "Endpoints: GET /v1/events /v1/series /v1/actors /v1/top /v1/stats /v1/health /v1/version,\n"
    "POST /v1/code[?store=1]. Example:\n"
    "  annalist serve --db events.sqlite --listen 127.0.0.1:8080\n"
    "  curl 'http://127.0.0.1:8080/v1/series?dyad=IRN:AZE&by=week'\n";

static int num(const char *opt, const char *v, unsigned long lo, unsigned long hi, unsigned long *out)
{
    char *end;
    unsigned long n = strtoul(v, &end, 10);
    if (!*v || *end || n < lo || n > hi || v[0] == '-') {
        cli_error("serve: %s takes a number from %lu to %lu, not '%s'", opt, lo, hi, v);
        return -1;
    }
    *out = n;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    ann_serve_opts o = {0};
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    o.threads = cpus > 0 ? (int)(cpus > 64 ? 64 : cpus) : 2;
    o.port = 8080;
    char host[256] = "127.0.0.1";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return 0;
        }
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o.quiet = 1;
            continue;
        }
        if (!strcmp(a, "--create")) {
            o.create = 1;
            continue;
        }
        if (!strcmp(a, "--no-cache")) {
            o.no_cache = 1;
            continue;
        }
        if (a[0] != '-') {
            cli_error("serve: unexpected argument '%s'; the store is given with --db", a);
            return 2;
        }
        /* Every other option takes a value: --opt V, --opt=V, or -jN. */
        const char *v = NULL;
        char name[64];
        const char *eq = strchr(a, '=');
        if (!strncmp(a, "-j", 2) && a[2] && a[2] != '-') {
            snprintf(name, sizeof name, "-j");
            v = a + 2;
        } else if (!strncmp(a, "--", 2) && eq) {
            snprintf(name, sizeof name, "%.*s", (int)(eq - a), a);
            v = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", a);
            if (i + 1 >= argc) {
                cli_error("serve: %s needs a value; see 'annalist serve --help'", a);
                return 2;
            }
            v = argv[++i];
        }
        unsigned long n;
        if (!strcmp(name, "--db")) {
            o.db = v;
        } else if (!strcmp(name, "--listen")) {
            /* HOST:PORT, [V6]:PORT, or a bare port. */
            const char *colon = strrchr(v, ':');
            const char *port = colon ? colon + 1 : v;
            if (colon) {
                const char *h = v;
                size_t hl = (size_t)(colon - v);
                if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') h++, hl -= 2;
                if (hl == 0 || hl >= sizeof host) {
                    cli_error("serve: --listen takes HOST:PORT, e.g. 127.0.0.1:8080, not '%s'", v);
                    return 2;
                }
                memcpy(host, h, hl);
                host[hl] = 0;
            }
            if (num("--listen port", port, 0, 65535, &n) < 0) return 2;
            o.port = (int)n;
        } else if (!strcmp(name, "-j") || !strcmp(name, "--jobs")) {
            if (num("-j", v, 1, 256, &n) < 0) return 2;
            o.threads = (int)n;
        } else if (!strcmp(name, "--max-body")) {
            if (num(name, v, 1, 1ul << 30, &n) < 0) return 2;
            o.max_body = n;
        } else if (!strcmp(name, "--timeout")) {
            if (num(name, v, 1, 3600, &n) < 0) return 2;
            o.timeout_s = (unsigned)n;
        } else if (!strcmp(name, "--max-conns")) {
            if (num(name, v, 1, 100000, &n) < 0) return 2;
            o.max_conns = (unsigned)n;
        } else if (!strcmp(name, "--max-conns-per-ip")) {
            if (num(name, v, 1, 100000, &n) < 0) return 2;
            o.max_conns_per_ip = (unsigned)n;
        } else if (!strcmp(name, "--drain")) {
            if (num(name, v, 1, 3600, &n) < 0) return 2;
            o.drain_s = (unsigned)n;
        } else if (!strcmp(name, "--web")) {
            o.web_dir = v;
        } else if (!strcmp(name, "--port-file")) {
            o.port_file = v;
        } else {
            cli_error("serve: unknown option '%s'; see 'annalist serve --help'", a);
            return 2;
        }
    }
    if (!o.db) {
        cli_error("serve: --db PATH_OR_URL is required (a SQLite file or postgresql:// URL made by "
                  "'annalist ingest'); see 'annalist serve --help'");
        return 2;
    }
    o.host = host;
    ann_err err = {0};
    if (ann_serve_run(&o, &err) < 0) {
        cli_error("serve: %s", err.msg);
        return err.code == 2 ? 2 : 1;
    }
    return 0;
}
