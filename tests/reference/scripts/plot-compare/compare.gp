set terminal svg size 1280,720 dynamic noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'compare.svg'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set tics font ",11"
unset key
set bars 1.2
unset grid
set grid xtics lc rgb "#e3e3e3" lw 1 dt 1
set border 1 lw 1 lc rgb "#444444"
unset ytics
$c0f << EOD
5 2 2 8
5 4 2 8
3 6 1 5
2 8 1 3
EOD
$c1f << EOD
5 2 2 8
EOD
set multiplot
unset label
unset object
unset arrow
set label 'pol'."\047".'@x'."\047".' compared with base`touch pwned`' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'Policy: Policy '."\047".'@x'."\047".' `touch pwned` · baseline: `touch pwned` @x $(touch pwned) system("touch pwned") '."\047".'q'."\047".' '."\047\047".' \ {a}^b_c &…' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenarios base`touch pwned` (baseline) and pol'."\047".'@x'."\047".' (policy) · 2 paired replications · rrsim 0.1`touch pwned`' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Source: '."\047".'Source'."\047".' `touch pwned`'."\047".' . system('."\047".'touch pwned'."\047".') . '."\047".'"@GPVAL_PWD é€ end' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set label 'Policy minus baseline over 1 Jan 2025 – 31 Dec 2026 · mean of 2 paired replications with 95% confidence interval' at screen 0.02, screen 0.8750 left font "Sans,14" textcolor rgb "#444444"
set label 'Replication i of both scenarios uses the same random numbers, so the differences are the policy'."\047".'s.' at screen 0.02, screen 0.1139 left font "Sans,11" textcolor rgb "#555555"
set label 'The same in both: Departures: Voluntary, with IOM, Departures: Voluntary, with an NGO, Departures: Forced, Departures: Without supervision, Caseload: Closed…' at screen 0.02, screen 0.0833 left font "Sans,11" textcolor rgb "#555555"
unset key
set label "" at screen 0.1017, screen 0.1528 point pt 7 ps 1.3 lc rgb "#0072B2" front
set label 'Difference, policy minus baseline' at screen 0.1181, screen 0.1528 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.3759, screen 0.1528 to screen 0.3915, screen 0.1528 heads size screen 0.005,90 lw 1.5 lc rgb "#333333" front
set label '95% confidence interval' at screen 0.4001, screen 0.1528 left font "Sans,13" textcolor rgb "#222222"
set label "" at screen 0.6018, screen 0.1528 point pt 6 ps 1.3 lc rgb "#0072B2" front
set label 'Interval includes zero: no clear difference' at screen 0.6182, screen 0.1528 left font "Sans,13" textcolor rgb "#222222"
set lmargin at screen 0.1911
set rmargin at screen 0.4112
set tmargin at screen 0.8278
set bmargin at screen 0.4819
set xrange [-0.4:8.4]
set xtics ('0' 0, '+2' 2, '+4' 4, '+6' 6, '+8' 8)
set yrange [8.6000:0.7]
set label 'Difference, persons' at screen 0.3012, screen 0.4181 center font "Sans,12" textcolor rgb "#333333"
set arrow from first 0, graph 0 to first 0, graph 1 nohead lw 1.5 lc rgb "#333333" back
set label 'Departures' at screen 0.0200, first 1 left font "Sans Bold,12" textcolor rgb "#222222"
set label 'Self-arranged, verified' at screen 0.0309, first 2 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 2 to graph 1, first 2 nohead lw 1 lc rgb "#eeeeee" back
set label '+5.0 (+0.9%)' at screen 0.4191, first 2 left font "Sans,11" textcolor rgb "#222222"
set label 'Caseload' at screen 0.0200, first 3 left font "Sans Bold,12" textcolor rgb "#222222"
set label 'At the end' at screen 0.0309, first 4 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 4 to graph 1, first 4 nohead lw 1 lc rgb "#eeeeee" back
set label '+5.0 (+250%)' at screen 0.4191, first 4 left font "Sans,11" textcolor rgb "#222222"
set label 'Reintegration provider' at screen 0.0200, first 5 left font "Sans Bold,12" textcolor rgb "#222222"
set label '`touch pwned`'."\047".'@x' at screen 0.0309, first 6 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 6 to graph 1, first 6 nohead lw 1 lc rgb "#eeeeee" back
set label '+3.0 (+30%)' at screen 0.4191, first 6 left font "Sans,11" textcolor rgb "#222222"
set label 'Other' at screen 0.0200, first 7 left font "Sans Bold,12" textcolor rgb "#222222"
set label 'zz_`touch pwned`'."\047".'@x' at screen 0.0309, first 8 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 8 to graph 1, first 8 nohead lw 1 lc rgb "#eeeeee" back
set label '+2.0 (+20%)' at screen 0.4191, first 8 left font "Sans,11" textcolor rgb "#222222"
plot $c0f using 1:2:3:4 with xerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.7592
set rmargin at screen 0.8988
set tmargin at screen 0.8278
set bmargin at screen 0.7319
set xrange [-0.4:8.4]
set xtics ('0' 0, '+2' 2, '+4' 4, '+6' 6, '+8' 8)
set yrange [2.6000:0.7]
set label 'Difference, days' at screen 0.8290, screen 0.6681 center font "Sans,12" textcolor rgb "#333333"
set arrow from first 0, graph 0 to first 0, graph 1 nohead lw 1.5 lc rgb "#333333" back
set label 'Time from entry to departure' at screen 0.5400, first 1 left font "Sans Bold,12" textcolor rgb "#222222"
set label 'Mean' at screen 0.5509, first 2 left font "Sans,12" textcolor rgb "#222222"
set arrow from graph 0, first 2 to graph 1, first 2 nohead lw 1 lc rgb "#eeeeee" back
set label '+5.0 (+97%)' at screen 0.9066, first 2 left font "Sans,11" textcolor rgb "#222222"
plot $c1f using 1:2:3:4 with xerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset multiplot
unset output
