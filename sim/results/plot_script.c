/*
 * plot_script.c - the pieces of a gnuplot script (plot_int.h).
 *
 * The texts of the CSV files are hostile (rr_plot.h): every text in a
 * script, whatever its origin, is written by rri_gp_str (rr_plot_quote),
 * and nothing else of a script is made of text read from a file - numbers
 * are printed with %g or %ld, colours and fonts are constants.  The
 * pieces here are those every chart has: terminal and look, heading and
 * footer, legend, axis ranges and tics.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rr_common.h"
#include "plot_int.h"

/* ---- quoting ---------------------------------------------------------------- */

/* utf8_char - the length of the valid UTF-8 sequence at s (1 to 4) and its
 * code point in *cp; 0 when s does not start one (a stray continuation
 * byte, a cut sequence, an overlong form, a surrogate, above U+10FFFF). */
static size_t utf8_char(const unsigned char *s, unsigned long *cp)
{
    unsigned char c = s[0];
    size_t n;
    unsigned long v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1Fu;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0Fu;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) /* NUL included: a cut sequence */
            return 0;
        v = v << 6 | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* rr_plot_quote - see rr_plot.h.  Why this form (gnuplot 5.4; its manual,
 * "quotes" and "substitution", and its sources, scanner.c and
 * expand_1level_macros in command.c):
 *   - inside single quotes gnuplot substitutes no `command`, expands no
 *     @macro and reads a backslash as itself: only ' is special there;
 *   - ' cannot be written inside them reliably: the manual says to double
 *     it, but the scanner takes '' as a quote only right after another
 *     character, so '''a' or 'a''''b' fall apart into several strings
 *     (and the chart fails); so a quote is "\047" (an octal escape, read
 *     in double quotes), joined to the rest with the . operator;
 *   - that leaves every ' of a line in pairs around single-quoted parts:
 *     the macro pass, which flips "inside single quotes" on every ' it
 *     meets (in double quotes too), so sees each @ of a text inside them;
 *   - a newline or CR would end the command inside the string and let
 *     the rest of a label be read as commands; gnuplot also echoes a
 *     failing line to standard error, where an escape character would
 *     reach the user's terminal: control characters become spaces.
 * quote_part - switch to part `want`: 1 a single-quoted run, 2 a run of
 * quotes; *part is 0 before the first. */
static void quote_part(FILE *out, int *part, int want)
{
    if (*part == want)
        return;
    if (*part)
        fputs(*part == 1 ? "'." : "\".", out);
    fputc(want == 1 ? '\'' : '"', out);
    *part = want;
}

int rr_plot_quote(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    int part = 0;
    while (*p) {
        unsigned long cp = 0;
        size_t n = utf8_char(p, &cp);
        quote_part(out, &part, n == 1 && cp == '\'' ? 2 : 1);
        if (n == 0) {
            fputs("\xEF\xBF\xBD", out); /* U+FFFD for the byte */
            n = 1;
        } else if (cp == '\'') {
            fputs("\\047", out);
        } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
                   cp == 0x2028 || cp == 0x2029) {
            putc(' ', out);
        } else {
            fwrite(p, 1, n, out);
        }
        p += n;
    }
    if (part == 0)
        fputs("''", out);
    else
        fputc(part == 1 ? '\'' : '"', out);
    return ferror(out) ? RR_EIO : RR_OK;
}

void rri_gp_str(FILE *g, const char *s)
{
    rr_plot_quote(g, s); /* an error shows at fclose of the script */
}

void rri_gp_num(FILE *g, double x)
{
    if (isnan(x) || isinf(x))
        fputs("NaN", g);
    else
        fprintf(g, "%.10g", x);
}

/* ---- frame --------------------------------------------------------------- */

/* term - the terminal of the format, the encoding and the output. */
static void term(FILE *g, rr_plot_format fmt, const char *out)
{
    switch (fmt) {
    case RR_PLOT_SVG:
        fprintf(g, "set terminal svg size %d,%d dynamic noenhanced font "
                   "\"%s,%d\" background rgb \"white\"\n",
                W, H, FONT, FS);
        break;
    case RR_PLOT_PDF:
        fprintf(g, "set terminal pdfcairo size %.3fin,%.3fin noenhanced "
                   "font \"%s,%d\" background rgb \"white\"\n",
                W / 96.0, H / 96.0, FONT, FS);
        break;
    default:
        fprintf(g, "set terminal pngcairo size %d,%d noenhanced font "
                   "\"%s,%d\" background rgb \"white\"\n",
                W, H, FONT, FS);
        break;
    }
    fputs("set encoding utf8\nset output ", g);
    rri_gp_str(g, out);
    fputc('\n', g);
}

void rri_gp_style(FILE *g, rr_plot_format fmt, const char *out)
{
    term(g, fmt, out);
    fputs("set border 3 lw 1 lc rgb \"#444444\"\n"
          "set tics nomirror out scale 0.6 textcolor rgb \"#333333\"\n"
          "set grid ytics lc rgb \"#e3e3e3\" lw 1 dt 1\n"
          "set style fill solid 1.0 noborder\n",
          g);
}

void rri_gp_small_text(FILE *g, const char *text, double px_from_top)
{
    char line[1024];
    snprintf(line, sizeof line, "%s", text);
    rri_text_fit(line, sizeof line, 11, 0.96 * W);
    fprintf(g, "set label ");
    rri_gp_str(g, line);
    fprintf(g, " at screen 0.02, screen %.4f left font \"%s,11\" "
               "textcolor rgb \"#555555\"\n",
            rri_sy(px_from_top), FONT);
}

void rri_gp_heading(FILE *g, const char *title, const char *subtitle,
                    const char *foot, const char *source)
{
    char src[600], t[1024], st[1024];
    snprintf(t, sizeof t, "%s", title);
    snprintf(st, sizeof st, "%s", subtitle);
    rri_text_fit(t, sizeof t, 22 * 1.1, 0.96 * W); /* bold */
    rri_text_fit(st, sizeof st, FS, 0.96 * W);
    fprintf(g, "set label ");
    rri_gp_str(g, t);
    fprintf(g, " at screen 0.02, screen %.4f left font \"%s Bold,22\"\n",
            rri_sy(34), FONT);
    fprintf(g, "set label ");
    rri_gp_str(g, st);
    fprintf(g, " at screen 0.02, screen %.4f left font \"%s,%d\" "
               "textcolor rgb \"#444444\"\n",
            rri_sy(68), FONT, FS);
    rri_gp_small_text(g, foot, H - 38);
    if (*source)
        snprintf(src, sizeof src, "%s%s",
                 strncmp(source, "Source", 6) == 0 ? "" : "Source: ",
                 source);
    else
        snprintf(src, sizeof src, "Source: rrsim simulation");
    rri_gp_small_text(g, src, H - 16);
}

void rri_gp_margins(FILE *g, double L, double R, double T, double B)
{
    fprintf(g, "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
               "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
            L, R, T, B);
}

void rri_gp_nothing(FILE *g, const char *message)
{
    fprintf(g, "set label ");
    rri_gp_str(g, message);
    fprintf(g, " at screen 0.5, screen 0.5 center font \"%s,16\" "
               "textcolor rgb \"#222222\"\n"
               "unset border\nunset tics\nunset grid\nunset key\n"
               "set xrange [0:1]\nset yrange [0:1]\nplot NaN notitle\n",
            FONT);
}

/* ---- legend ---------------------------------------------------------------- */

/* key_swatch - the swatch of entry e, its left at x and middle at y (px
 * from the left and the bottom). */
static void key_swatch(FILE *g, const rri_key *e, double x, double y)
{
    double sw = RRI_KEY_SWATCH, y0 = (y - 7) / H, y1 = (y + 7) / H;
    if (e->kind == 'l') {
        fprintf(g, "set arrow from screen %.4f, screen %.4f to "
                   "screen %.4f, screen %.4f nohead lw %.2g lc rgb "
                   "\"%s\"%s%s\n",
                x / W, y / H, (x + sw) / W, y / H, e->lw, e->colour,
                e->dash ? " dt " : "", e->dash ? e->dash : "");
    } else if (e->kind == 'p') {
        if (e->lw > 0)
            fprintf(g, "set arrow from screen %.4f, screen %.4f to "
                       "screen %.4f, screen %.4f nohead lw %.2g lc "
                       "rgb \"%s\"\n",
                    x / W, y / H, (x + sw) / W, y / H, e->lw, e->colour);
        fprintf(g, "set label \"\" at screen %.4f, screen %.4f "
                   "point %s lc rgb \"%s\" front\n",
                (x + sw / 2) / W, y / H, e->dash, e->colour);
    } else if (e->kind == 'e' || e->kind == 'h') {
        bool v = e->kind == 'e';
        fprintf(g, "set arrow from screen %.4f, screen %.4f to "
                   "screen %.4f, screen %.4f heads size screen "
                   "0.005,90 lw %.2g lc rgb \"%s\" front\n",
                (v ? x + sw / 2 : x + 3) / W, (v ? y0 * H - 2 : y) / H,
                (v ? x + sw / 2 : x + sw - 3) / W, (v ? y1 * H + 2 : y) / H,
                e->lw, e->colour);
    } else {
        fprintf(g, "set object rect from screen %.4f, screen %.4f "
                   "to screen %.4f, screen %.4f fc rgb \"%s\" fs "
                   "solid 1 noborder front\n",
                x / W, y0, (x + sw) / W, y1, e->colour);
    }
}

void rri_gp_legend(FILE *g, const rri_key *e, size_t n, double mid_px,
                   double px_up)
{
    double x[64], y[64];
    fputs("unset key\n", g);
    if (n > RR_COUNTOF(x))
        n = RR_COUNTOF(x);
    rri_legend_place(e, n, mid_px, px_up, x, y);
    for (size_t i = 0; i < n; i++) {
        key_swatch(g, &e[i], x[i], y[i]);
        fprintf(g, "set label ");
        rri_gp_str(g, e[i].title);
        fprintf(g, " at screen %.4f, screen %.4f left font \"%s,%g\" "
                   "textcolor rgb \"#222222\"\n",
                (x[i] + RRI_KEY_SWATCH + 8) / W, y[i] / H, FONT,
                (double)RRI_KEY_FS);
    }
}

/* ---- axes ------------------------------------------------------------------- */

void rri_gp_range(FILE *g, const char *axis, double a, double b)
{
    fprintf(g, "set %srange [%.10g:%.10g]\n", axis, a, b);
}

/* tic_label - a tic's label as gnuplot reads it: as a format for the
 * tic's value, where "%" starts a conversion ("60%" fails the chart,
 * "%s" draws the value), so every % is doubled. */
static void tic_label(FILE *g, const char *label)
{
    char buf[2 * sizeof ((rri_tic *)0)->label];
    size_t o = 0;
    for (const char *p = label; *p && o + 2 < sizeof buf; p++) {
        if (*p == '%')
            buf[o++] = '%';
        buf[o++] = *p;
    }
    buf[o] = '\0';
    rri_gp_str(g, buf);
}

void rri_gp_tics(FILE *g, const char *axis, const rri_tics *t)
{
    fprintf(g, "set %stics (", axis);
    for (size_t i = 0; i < t->n; i++) {
        fputs(i ? ", " : "", g);
        if (t->blank)
            fputs("\"\"", g);
        else
            tic_label(g, t->v[i].label);
        fprintf(g, " %.10g%s", t->v[i].at, t->v[i].minor ? " 1" : "");
    }
    fputs(")\n", g);
}

int rri_gp_scale(FILE *g, const char *axis, const rri_scale *s, bool labels,
                 bool plus)
{
    rri_tics t = {NULL, 0, 0, false};
    int rc = rri_scale_tics(s, labels, plus, &t);
    if (rc == RR_OK) {
        rri_gp_range(g, axis, s->a, s->b);
        rri_gp_tics(g, axis, &t);
    }
    rri_tics_fini(&t);
    return rc;
}

int rri_gp_count_axis(FILE *g, double max, int target, double room)
{
    rri_scale s = rri_count_scale(max, target, room);
    rri_tics t = {NULL, 0, 0, false};
    int rc = rri_count_tics(&s, &t);
    if (rc == RR_OK) {
        rri_gp_range(g, "y", 0, s.b);
        rri_gp_tics(g, "y", &t);
    }
    rri_tics_fini(&t);
    return rc;
}

int rri_gp_time_axis(FILE *g, long x0, long x1, bool labels, double fs,
                     double width_px)
{
    rri_time_axis ax;
    int rc = rri_time_axis_init(x0, x1, labels, fs, width_px, &ax);
    if (rc == RR_OK) {
        rri_gp_tics(g, "x", &ax.tics);
        for (size_t i = 0; i < ax.years.n; i++)
            fprintf(g,
                    "set label \"%s\" at first %ld, graph 0 center "
                    "offset 0,-1.1 font \",%g\"\n",
                    ax.years.v[i].label, (long)ax.years.v[i].at, fs);
    }
    rri_time_axis_fini(&ax);
    return rc;
}
