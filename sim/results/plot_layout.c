/*
 * plot_layout.c - the layout of the charts, without I/O (plot_int.h).
 *
 * How wide a text is, where it is cut, how numbers and dates are written,
 * which round numbers an axis shows, which calendar boundaries get a tic
 * and a label, on which row an event's label goes, where legend entries
 * go.  Everything here is arithmetic on its arguments: no file, no
 * gnuplot, no global state, so tests/test_layout.c checks it directly.
 * Axis tics are placed here, not by gnuplot, so that dates read as years,
 * quarters or months and numbers carry thousands separators.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "plot_int.h"

/* ---- text -------------------------------------------------------------- */

double rri_text_px(const char *s, double fs)
{
    static const double lower[26] = {
        .613, .635, .550, .635, .615, .352, .635, .634, .278, .278, .579,
        .278, .974, .634, .612, .635, .635, .411, .521, .392, .634, .592,
        .818, .592, .592, .525};
    static const double upper[26] = {
        .684, .686, .698, .770, .632, .575, .775, .752, .295, .295, .656,
        .557, .863, .748, .787, .603, .787, .695, .635, .611, .732, .684,
        .989, .685, .611, .685};
    double em = 0;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if ((ch & 0xC0) == 0x80)
            continue; /* inside a UTF-8 sequence */
        if (ch >= 'a' && ch <= 'z')
            em += lower[ch - 'a'];
        else if (ch >= 'A' && ch <= 'Z')
            em += upper[ch - 'A'];
        else if (ch >= '0' && ch <= '9')
            em += .636;
        else if (strchr(" ,.:;'!|", ch))
            em += .318;
        else if (strchr("-()/[]", ch))
            em += .38;
        else if (ch == '&' || ch == '%' || ch == '@')
            em += .85;
        else
            em += .65;
    }
    return em * fs * (96.0 / 72.0) * 1.03;
}

void rri_text_fit(char *text, size_t size, double fs, double max_px)
{
    size_t n = strlen(text);
    if (rri_text_px(text, fs) <= max_px || size < 8)
        return;
    if (n + 4 > size) { /* room for the ellipsis */
        n = size - 4;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
        text[n] = '\0';
    }
    while (n > 0) {
        n--;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
        text[n] = '\0';
        if (rri_text_px(text, fs) + rri_text_px("…", fs) <= max_px)
            break;
    }
    while (n > 0 && text[n - 1] == ' ')
        text[--n] = '\0';
    strcat(text, "…"); /* room: at least 4 bytes were cut or free */
}

void rri_wrap2(const char *text, const char *sep, char *l1, char *l2,
               size_t n)
{
    size_t best = 0;
    snprintf(l1, n, "%s", text);
    l2[0] = '\0';
    if (rri_text_px(l1, 11) <= 0.96 * W)
        return;
    for (const char *p = strstr(text, sep); p; p = strstr(p + 1, sep)) {
        size_t k = (size_t)(p - text) + 1;
        if (k + 1 > n)
            break;
        memcpy(l1, text, k);
        l1[k] = '\0';
        if (rri_text_px(l1, 11) > 0.96 * W)
            break;
        best = k;
    }
    if (best == 0) {
        snprintf(l1, n, "%s", text);
        rri_text_fit(l1, n, 11, 0.96 * W);
        return;
    }
    memcpy(l1, text, best);
    l1[best] = '\0';
    snprintf(l2, n, "%s", text + best + 1);
    rri_text_fit(l2, n, 11, 0.96 * W);
}

/* ---- numbers and dates ------------------------------------------------------ */

void rri_fmt_number(double x, int d, char *buf, size_t n)
{
    char tmp[64], *p = tmp, *dot;
    size_t len, ip, o = 0;
    snprintf(tmp, sizeof tmp, "%.*f", d, x);
    if (*p == '-') {
        if (o + 1 < n)
            buf[o++] = '-';
        p++;
    }
    dot = strchr(p, '.');
    ip = dot ? (size_t)(dot - p) : strlen(p);
    len = strlen(p);
    for (size_t i = 0; i < len && o + 1 < n; i++) {
        if (i > 0 && i < ip && (ip - i) % 3 == 0 && o + 2 < n)
            buf[o++] = ',';
        buf[o++] = p[i];
    }
    buf[o] = '\0';
}

void rri_num_text(double x, int dec, bool plus, char *buf, size_t n)
{
    char t[48];
    bool zero = true;
    rri_fmt_number(fabs(x), dec, t, sizeof t);
    for (const char *p = t; *p; p++)
        if (*p >= '1' && *p <= '9')
            zero = false;
    snprintf(buf, n, "%s%s", zero ? "" : x < 0 ? "−" : plus ? "+" : "", t);
}

int rri_decimals(double x)
{
    x = fabs(x);
    return x >= 100 || x == 0 ? 0 : x >= 1 ? 1 : x >= 0.1 ? 2 : 3;
}

static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr",
                                           "May", "Jun", "Jul", "Aug",
                                           "Sep", "Oct", "Nov", "Dec"};

static long day_of(int y, int m, int dd)
{
    rr_date d = {y, m, dd};
    return rr_date_days(d);
}

void rri_date_text(long day, char *buf, size_t n)
{
    rr_date d = rr_date_from_days(day);
    snprintf(buf, n, "%d %s %d", d.d, month_abbr[d.m - 1], d.y);
}

void rri_kpi_span(const rri_runrow *r, char *buf, size_t n)
{
    char a[32], b[32];
    buf[0] = '\0';
    if (!r || r->start == LONG_MAX || r->end == LONG_MAX)
        return;
    rri_date_text(r->start + (long)ceil(r->warmup), a, sizeof a);
    rri_date_text(r->end, b, sizeof b);
    snprintf(buf, n, "%s – %s", a, b);
}

void rri_source_of(const rri_runrow *r, size_t n, char *buf, size_t len)
{
    buf[0] = '\0';
    if (n == 1 || (n == 2 && strcmp(r[0].source, r[1].source) == 0))
        snprintf(buf, len, "%s", r[0].source);
    else if (n == 2 && !*r[1].source)
        snprintf(buf, len, "%s", r[0].source);
    else if (n == 2 && !*r[0].source)
        snprintf(buf, len, "%s", r[1].source);
    else if (n == 2)
        snprintf(buf, len, "Sources – baseline: %s · policy: %s",
                 r[0].source, r[1].source);
}

size_t rri_grid_cols(size_t n)
{
    static const size_t by_n[MAX_PANELS + 1] = {1, 1, 2, 3, 2, 3, 3,
                                                4, 4, 3, 5, 4, 4};
    return by_n[n < MAX_PANELS ? n : MAX_PANELS];
}

/* ---- scales ------------------------------------------------------------------ */

/* round_step - 1, 2, 2.5, 5 or 10 times the power of ten below raw;
 * *norm gets raw over that power. */
static double round_step(double raw, double *mag, double *norm)
{
    *mag = pow(10, floor(log10(raw)));
    *norm = raw / *mag;
    return (*norm <= 1     ? 1
            : *norm <= 2   ? 2
            : *norm <= 2.5 ? 2.5
            : *norm <= 5   ? 5
                           : 10) *
           *mag;
}

rri_scale rri_nice_scale(double lo, double hi, int target)
{
    rri_scale s;
    double mag, norm;
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi < lo) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (hi - lo <= 1e-9 * fmax(fabs(lo), fabs(hi))) {
        double pad = lo != 0 ? 0.1 * fabs(lo) : 1;
        lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
        hi += pad;
    }
    s.step = round_step((hi - lo) / target, &mag, &norm);
    s.a = floor(lo / s.step + 1e-9) * s.step;
    s.b = ceil(hi / s.step - 1e-9) * s.step;
    if (s.step < 1)
        s.dec = (int)ceil(-log10(s.step) - 1e-9) +
                (fabs(s.step / mag - 2.5) < 1e-9 ? 1 : 0);
    else
        s.dec = fmod(s.step, 1) != 0 ? 1 : 0;
    return s;
}

rri_scale rri_count_scale(double max, int target, double room)
{
    rri_scale s = {0, 0, 0, 0};
    double mag, norm;
    if (!(max > 0) || isinf(max))
        max = 1;
    s.step = round_step(max / target, &mag, &norm);
    s.b = ceil(max * room / s.step) * s.step;
    if (s.step < 1)
        s.dec = (int)ceil(-log10(s.step) - 1e-9) +
                (fabs(norm - 2.5) < 1e-9 ? 1 : 0);
    else if (fmod(s.step, 1) != 0)
        s.dec = 1;
    return s;
}

void rri_scale_label(const rri_scale *s, double v, bool plus, char *buf,
                     size_t n)
{
    if (fabs(v) < s->step * 1e-9)
        snprintf(buf, n, "0");
    else
        rri_num_text(v, s->dec, plus, buf, n);
}

double rri_scale_width(const rri_scale *s, bool plus, double fs)
{
    double w = 0;
    char lab[64];
    long i0 = (long)ceil(s->a / s->step - 1e-9);
    long i1 = (long)floor(s->b / s->step + 1e-9);
    for (long i = i0; i <= i1; i++) {
        rri_scale_label(s, (double)i * s->step, plus, lab, sizeof lab);
        w = fmax(w, rri_text_px(lab, fs));
    }
    return w;
}

rri_scale rri_fitting_scale(double lo, double hi, double pad, double width,
                            bool plus, int target)
{
    rri_scale s = rri_nice_scale(lo, hi, target);
    for (int t = target; t >= 1; t--) {
        s = rri_nice_scale(lo, hi, t);
        if (hi > lo) {
            s.a = lo - pad;
            s.b = hi + pad;
        }
        if (s.step * width / (s.b - s.a) >=
            rri_scale_width(&s, plus, 11) + 14)
            break;
    }
    return s;
}

rri_scale rri_panel_scale(double lo, double hi, bool *zero)
{
    double big = fmax(fabs(lo), fabs(hi)), pad_lo, pad_hi;
    bool pos = lo >= 0;
    rri_scale s;
    if (lo >= 0 && lo <= 0.5 * hi)
        lo = 0;
    else if (hi <= 0 && hi >= 0.5 * lo)
        hi = 0;
    if (hi - lo < 0.1 * big) {
        double mid = (lo + hi) / 2;
        lo = mid - 0.05 * big;
        hi = mid + 0.05 * big;
        if (pos && lo < 0) {
            hi -= lo;
            lo = 0;
        }
    }
    pad_lo = lo == 0 ? 0 : 0.06 * (hi - lo);
    pad_hi = hi == 0 ? 0 : 0.08 * (hi - lo);
    s = rri_nice_scale(lo - pad_lo, hi + pad_hi, 4);
    if (pos && s.a < 0)
        s.a = 0;
    *zero = s.a <= 0 && s.b >= 0;
    return s;
}

/* ---- tics ---------------------------------------------------------------------- */

int rri_tics_add(rri_tics *t, double at, const char *label, bool minor)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        rri_tic *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return RR_ENOMEM;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n].at = at;
    snprintf(t->v[t->n].label, sizeof t->v[t->n].label, "%s", label);
    t->v[t->n++].minor = minor;
    return RR_OK;
}

void rri_tics_fini(rri_tics *t)
{
    free(t->v);
    memset(t, 0, sizeof *t);
}

int rri_scale_tics(const rri_scale *s, bool labels, bool plus,
                   rri_tics *out)
{
    char lab[64];
    long i0 = (long)ceil(s->a / s->step - 1e-9);
    long i1 = (long)floor(s->b / s->step + 1e-9);
    for (long i = i0; i <= i1; i++) {
        double v = (double)i * s->step;
        lab[0] = '\0';
        if (labels)
            rri_scale_label(s, v, plus, lab, sizeof lab);
        if (rri_tics_add(out, v, lab, false) != RR_OK)
            return RR_ENOMEM;
    }
    return RR_OK;
}

int rri_count_tics(const rri_scale *s, rri_tics *out)
{
    char lab[64];
    for (int i = 0; i * s->step <= s->b * (1 + 1e-9); i++) {
        rri_fmt_number(i * s->step, s->dec, lab, sizeof lab);
        if (rri_tics_add(out, i * s->step, lab, false) != RR_OK)
            return RR_ENOMEM;
    }
    return RR_OK;
}

/* year_tics - a run of more than 912 days: a tic at each year (a minor
 * one where only every step-th is named) and minor ones at the quarters
 * where they are 8 px apart; the years named in the middle of each (every
 * second where they would crowd), or at the start of every 5th, 10th or
 * 20th. */
static int year_tics(long x0, long x1, bool labels, double fs, double ppd,
                     rri_time_axis *ax)
{
    rr_date a = rr_date_from_days(x0), b = rr_date_from_days(x1);
    double need = rri_text_px("2020", fs) * 1.6;
    int step = ppd * 365.25 >= need    ? 1
               : ppd * 730.5 >= need   ? 2
               : ppd * 1826.25 >= need ? 5
               : ppd * 3652.5 >= need  ? 10
                                       : 20;
    bool mid = step <= 2, quarters = ppd * 91 >= 8;
    ax->tics.blank = true;
    for (int y = a.y; y <= b.y + 1; y++) {
        long t = day_of(y, 1, 1);
        bool major = mid || y % step == 0;
        if (t >= x0 && t <= x1 && (major || ppd * 365.25 >= 6) &&
            rri_tics_add(&ax->tics, (double)t, "", !major) != RR_OK)
            return RR_ENOMEM;
        for (int q = 1; quarters && q < 4; q++) {
            long tq = day_of(y, 1 + 3 * q, 1);
            if (tq > x0 && tq < x1 &&
                rri_tics_add(&ax->tics, (double)tq, "", true) != RR_OK)
                return RR_ENOMEM;
        }
    }
    for (int y = a.y; labels && y <= b.y; y++) {
        long s = day_of(y, 1, 1), e = day_of(y + 1, 1, 1);
        char lab[16];
        if (mid) {
            if (s < x0)
                s = x0;
            if (e > x1)
                e = x1;
            if ((y - a.y) % step != 0 || e - s < 120)
                continue;
        } else if (y % step != 0 || s < x0) {
            continue;
        }
        snprintf(lab, sizeof lab, "%d", y);
        if (rri_tics_add(&ax->years, (double)(mid ? (s + e) / 2 : s), lab,
                         false) != RR_OK)
            return RR_ENOMEM;
    }
    return RR_OK;
}

/* month_tics - 57 to 912 days: a tic at each month, every 1st, 3rd, 6th
 * or 12th named ("Jan 2020" the first time and in January, else "Feb"),
 * the others minor. */
static int month_tics(long x0, long x1, bool labels, double fs, double ppd,
                      rri_time_axis *ax)
{
    rr_date a = rr_date_from_days(x0);
    double need = rri_text_px("Jan 2020", fs) * 1.25;
    int every = ppd * 30.44 >= need   ? 1
                : ppd * 91.3 >= need  ? 3
                : ppd * 182.6 >= need ? 6
                                      : 12;
    int y = a.y, m = a.m;
    bool year_shown = false;
    for (;;) {
        long t = day_of(y, m, 1);
        if (t > x1)
            break;
        if (t >= x0) {
            bool major = (m - 1) % every == 0;
            char lab[32] = "";
            if (major && labels) {
                if (m == 1 || !year_shown)
                    snprintf(lab, sizeof lab, "%s %d", month_abbr[m - 1], y);
                else
                    snprintf(lab, sizeof lab, "%s", month_abbr[m - 1]);
                year_shown = true;
            }
            if (rri_tics_add(&ax->tics, (double)t, lab, !major) != RR_OK)
                return RR_ENOMEM;
        }
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    return RR_OK;
}

/* week_tics - up to 56 days: every 7 or 14 days from x0, "30 Sep". */
static int week_tics(long x0, long x1, bool labels, double fs, double ppd,
                     rri_time_axis *ax)
{
    long every = ppd * 7 >= rri_text_px("30 Sep", fs) * 1.3 ? 7 : 14;
    for (long t = x0; t <= x1; t += every) {
        rr_date d = rr_date_from_days(t);
        char lab[32] = "";
        if (labels)
            snprintf(lab, sizeof lab, "%d %s", d.d, month_abbr[d.m - 1]);
        if (rri_tics_add(&ax->tics, (double)t, lab, false) != RR_OK)
            return RR_ENOMEM;
    }
    return RR_OK;
}

int rri_time_axis_init(long x0, long x1, bool labels, double fs,
                       double width_px, rri_time_axis *ax)
{
    double span = (double)(x1 - x0), ppd = width_px / (span > 0 ? span : 1);
    memset(ax, 0, sizeof *ax);
    if (span > 912)
        return year_tics(x0, x1, labels, fs, ppd, ax);
    if (span > 56)
        return month_tics(x0, x1, labels, fs, ppd, ax);
    return week_tics(x0, x1, labels, fs, ppd, ax);
}

void rri_time_axis_fini(rri_time_axis *ax)
{
    rri_tics_fini(&ax->tics);
    rri_tics_fini(&ax->years);
}

/* ---- events ------------------------------------------------------------------ */

double rri_x_px(const rri_xmap *m, double day)
{
    return (m->L + (m->R - m->L) * (day - (double)m->x0) /
                       (double)(m->x1 - m->x0)) *
           W;
}

int rri_event_rows(const rri_event *ev, size_t n, const rri_xmap *m,
                   int *row)
{
    double ext[MAX_ROWS][64][2];
    int n_in[MAX_ROWS] = {0}, rows = 0;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    /* in the order of their starts, the first free row is the fewest
     * rows intervals can take (interval partitioning); file order
     * otherwise, or when out of memory */
    for (size_t i = 0; i < n && order; i++)
        order[i] = i;
    for (size_t i = 1; i < n && order; i++) {
        /* insertion sort, stable: a chart has few events */
        size_t k = order[i], j = i;
        while (j > 0 && ev[order[j - 1]].from > ev[k].from) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = k;
    }
    for (size_t j = 0; j < n; j++) {
        size_t i = order ? order[j] : j;
        const rri_event *e = &ev[i];
        double a, b, lw = rri_text_px(e->label, FS_EVENT);
        int r;
        row[i] = -1;
        if (e->from > m->x1 || (e->until != LONG_MAX && e->until < m->x0))
            continue;
        a = rri_x_px(m, (double)(e->from < m->x0 ? m->x0 : e->from));
        b = e->until == LONG_MAX || e->until > m->x1
                ? m->R * W
                : rri_x_px(m, (double)e->until);
        if (a + 2 + lw <= W - 8)
            b = b > a + 2 + lw ? b : a + 2 + lw;
        else
            a = a - 2 - lw; /* right-aligned at its start */
        for (r = 0; r < MAX_ROWS; r++) {
            bool free_row = n_in[r] < 64;
            for (int k = 0; k < n_in[r] && free_row; k++)
                if (a < ext[r][k][1] + 16 && ext[r][k][0] < b + 16)
                    free_row = false;
            if (free_row)
                break;
        }
        if (r == MAX_ROWS) {
            /* no free row: the least crowded one */
            r = 0;
            for (int k = 1; k < MAX_ROWS; k++)
                if (n_in[k] < n_in[r])
                    r = k;
            if (n_in[r] >= 64)
                continue;
        }
        ext[r][n_in[r]][0] = a;
        ext[r][n_in[r]++][1] = b;
        row[i] = r;
        if (r + 1 > rows)
            rows = r + 1;
    }
    free(order);
    return rows;
}

/* ---- legend ------------------------------------------------------------------ */

/* key_px - the width of entry e without the gap after it. */
static double key_px(const rri_key *e)
{
    return RRI_KEY_SWATCH + 8 + rri_text_px(e->title, RRI_KEY_FS);
}

int rri_legend_rows(const rri_key *e, size_t n)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += key_px(&e[i]) + (i ? RRI_KEY_GAP : 0);
    return total > 0.94 * W ? 2 : 1;
}

void rri_legend_place(const rri_key *e, size_t n, double mid_px,
                      double px_up, double *x, double *y)
{
    double total = 0;
    size_t split = n;
    for (size_t i = 0; i < n; i++)
        total += key_px(&e[i]) + (i ? RRI_KEY_GAP : 0);
    if (total > 0.94 * W) {
        /* two rows, the first about half */
        double acc = 0;
        for (split = 0; split < n && acc < total / 2; split++)
            acc += key_px(&e[split]) + RRI_KEY_GAP;
    }
    for (int row = 0; row < (split < n ? 2 : 1); row++) {
        size_t a = row ? split : 0, b = row ? n : split;
        double w = 0, at,
               up = split < n ? (row ? px_up - 14 : px_up + 8) : px_up;
        for (size_t i = a; i < b; i++)
            w += key_px(&e[i]) + (i > a ? RRI_KEY_GAP : 0);
        at = mid_px - w / 2;
        if (at < 0.02 * W)
            at = 0.02 * W;
        for (size_t i = a; i < b; i++) {
            x[i] = at;
            y[i] = up;
            at += key_px(&e[i]) + RRI_KEY_GAP;
        }
    }
}

/* ---- tics of values (a sweep's x axis) ------------------------------------- */

int rri_value_tics(const double *pos, const char *const *label, size_t n,
                   bool numeric, bool whole, double lo, double hi,
                   double width, rri_tics *out, bool *scaled)
{
    double ppu = width / (hi - lo), need = 0, gap = INFINITY;
    *scaled = false;
    for (size_t i = 0; i < n; i++) {
        need = fmax(need, rri_text_px(label[i], 11) + 12);
        for (size_t j = 0; j < n; j++)
            if (j != i)
                gap = fmin(gap, fabs(pos[i] - pos[j]) * ppu);
    }
    if (gap >= need || !numeric) {
        size_t every = 1;
        while (!numeric && gap * (double)every < need && every < n)
            every++;
        for (size_t i = 0; i < n; i++)
            if (rri_tics_add(out, pos[i], i % every == 0 ? label[i] : "",
                             false) != RR_OK)
                return RR_ENOMEM;
        return RR_OK;
    }
    {
        double a = pos[0], b = pos[0];
        rri_scale s;
        for (size_t i = 1; i < n; i++) {
            a = fmin(a, pos[i]);
            b = fmax(b, pos[i]);
        }
        s = rri_fitting_scale(a, b, a - lo, width, false, 6);
        if (whole && s.step < 1) {
            s.step = 1;
            s.dec = 0;
        }
        s.a = lo;
        s.b = hi;
        *scaled = true;
        return rri_scale_tics(&s, true, false, out);
    }
}
