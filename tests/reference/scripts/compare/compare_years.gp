set terminal pngcairo size 1280,720 noenhanced font "Sans,14" background rgb "white"
set encoding utf8
set output 'compare_years.png'
set border 3 lw 1 lc rgb "#444444"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set style fill solid 1.0 noborder
set tics font ",11"
unset key
set bars 1.2
unset grid
set grid ytics lc rgb "#e3e3e3" lw 1 dt 1
set border 3 lw 1 lc rgb "#444444"
set xtics nomirror
set ytics nomirror
$y0f << EOD
4 173.5 14.6724408 332.3275592
EOD
$y0h << EOD
1 0 0 0
2 0 0 0
3 36.5 -414.5702681 487.5702681
5 31.5 -381.4516539 444.4516539
6 107 -1354.213545 1568.213545
EOD
$y1h << EOD
1 0 0 0
2 0 0 0
3 43 -960.7901742 1046.790174
4 -7 -553.3668037 539.3668037
5 53 -506.0730084 612.0730084
6 -30.5 -456.1578587 395.1578587
EOD
$y2f << EOD
4 41 15.58759053 66.41240947
EOD
$y2h << EOD
1 0 0 0
2 0 0 0
3 21 -271.2427089 313.2427089
5 -46.5 -1145.58671 1052.58671
6 -35 -962.5529457 892.5529457
EOD
$y3f << EOD
3 -5.708693814 -11.16683088 -0.2505567444
4 -6.986452809 -12.77322991 -1.199675709
EOD
$y3h << EOD
1 0 0 0
2 0 0 0
5 -6.789664297 -14.27594145 0.6966128553
6 -7.190383905 -14.40257432 0.02180650648
EOD
$y4h << EOD
1 0 0 0
2 0 0 0
3 -0.3718190758 -49.21046881 48.46683066
4 12.93703416 -4.190606936 30.06467525
5 4.361012687 -23.92703245 32.64905782
6 0.1074224321 -58.13383922 58.34868409
EOD
$y5h << EOD
1 0 0 0
2 0 0 0
3 -3 -231.7116853 225.7116853
4 -165.5 -565.7454492 234.7454492
5 -161 -453.2427089 131.2427089
6 -182.5 -1662.772852 1297.772852
EOD
set multiplot
unset label
unset object
unset arrow
set label 'Effect by year: Netherlands: NGO return subsidy doubled from 2021' at screen 0.02, screen 0.9528 left font "Sans Bold,22"
set label 'Against the baseline: Netherlands baseline 2019-2024' at screen 0.02, screen 0.9056 left font "Sans,14" textcolor rgb "#444444"
set label 'Scenarios nl-baseline (baseline) and nl-ngo-expansion (policy) · 2 paired replications · rrsim VERSION' at screen 0.02, screen 0.0528 left font "Sans,11" textcolor rgb "#555555"
set label 'Sources: DT&V Vertrekcijfers and Instroom- en vertrekcijfers; IOM NL; rrsim nl-baseline' at screen 0.02, screen 0.0222 left font "Sans,11" textcolor rgb "#555555"
set label 'Policy minus baseline per calendar year, 1 Jan 2019 – 31 Dec 2024 · mean of paired replications with 95% confidence interval' at screen 0.02, screen 0.8722 left font "Sans,14" textcolor rgb "#444444"
set label 'Flows are summed over the year, caseloads taken at its end, means and shares recomputed from the year'."\047".'s parts.' at screen 0.02, screen 0.0833 left font "Sans,11" textcolor rgb "#555555"
unset key
set label "" at screen 0.1717, screen 0.1444 point pt 7 ps 1.3 lc rgb "#0072B2" front
set label 'Difference, policy minus baseline' at screen 0.1881, screen 0.1444 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.4538, screen 0.1319 to screen 0.4538, screen 0.1569 heads size screen 0.005,90 lw 1.5 lc rgb "#333333" front
set label '95% confidence interval' at screen 0.4702, screen 0.1444 left font "Sans,13" textcolor rgb "#222222"
set label "" at screen 0.6718, screen 0.1444 point pt 6 ps 1.3 lc rgb "#0072B2" front
set label 'Interval includes zero' at screen 0.6882, screen 0.1444 left font "Sans,13" textcolor rgb "#222222"
set arrow from screen 0.3344, screen 0.1139 to screen 0.3547, screen 0.1139 nohead lw 2 lc rgb "#D55E00" dt (8,5)
set label 'Policy from 1 Jan 2021 (event ngo_subsidy)' at screen 0.3609, screen 0.1139 left font "Sans,13" textcolor rgb "#222222"
set lmargin at screen 0.0739
set rmargin at screen 0.3244
set tmargin at screen 0.8028
set bmargin at screen 0.5861
set xrange [0.4:6.6]
set xtics ('2019' 1, '2020' 2, '2021' 3, '2022' 4, '2023' 5, '2024' 6) scale 0.5
set yrange [-2000:2000]
set ytics ('−2,000' -2000, '−1,000' -1000, '0' 0, '+1,000' 1000, '+2,000' 2000)
set arrow from graph 0, first 0 to graph 1, first 0 nohead lw 1.2 lc rgb "#444444" back
set arrow from first 2.5000, graph 0 to first 2.5000, graph 1 nohead lw 2 dt (8,5) lc rgb "#D55E00" back
set label 'Verified departures, persons' at screen 0.0309, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
plot $y0f using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle, \
     $y0h using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $y0h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $y0h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.3939
set rmargin at screen 0.6444
set tmargin at screen 0.8028
set bmargin at screen 0.5861
set xrange [0.4:6.6]
set xtics ('2019' 1, '2020' 2, '2021' 3, '2022' 4, '2023' 5, '2024' 6) scale 0.5
set yrange [-2000:2000]
set ytics ('−2,000' -2000, '−1,000' -1000, '0' 0, '+1,000' 1000, '+2,000' 2000)
set arrow from graph 0, first 0 to graph 1, first 0 nohead lw 1.2 lc rgb "#444444" back
set arrow from first 2.5000, graph 0 to first 2.5000, graph 1 nohead lw 2 dt (8,5) lc rgb "#D55E00" back
set label 'Departures without supervision, persons' at screen 0.3509, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
plot $y1h using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $y1h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $y1h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.7139
set rmargin at screen 0.9644
set tmargin at screen 0.8028
set bmargin at screen 0.5861
set xrange [0.4:6.6]
set xtics ('2019' 1, '2020' 2, '2021' 3, '2022' 4, '2023' 5, '2024' 6) scale 0.5
set yrange [-2000:2000]
set ytics ('−2,000' -2000, '−1,000' -1000, '0' 0, '+1,000' 1000, '+2,000' 2000)
set arrow from graph 0, first 0 to graph 1, first 0 nohead lw 1.2 lc rgb "#444444" back
set arrow from first 2.5000, graph 0 to first 2.5000, graph 1 nohead lw 2 dt (8,5) lc rgb "#D55E00" back
set label 'Forced returns, persons' at screen 0.6709, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
plot $y2f using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle, \
     $y2h using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $y2h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $y2h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.0552
set rmargin at screen 0.3244
set tmargin at screen 0.4861
set bmargin at screen 0.2694
set xrange [0.4:6.6]
set xtics ('2019' 1, '2020' 2, '2021' 3, '2022' 4, '2023' 5, '2024' 6) scale 0.5
set yrange [-20:5]
set ytics ('−20' -20, '−15' -15, '−10' -10, '−5' -5, '0' 0, '+5' 5)
set arrow from graph 0, first 0 to graph 1, first 0 nohead lw 1.2 lc rgb "#444444" back
set arrow from first 2.5000, graph 0 to first 2.5000, graph 1 nohead lw 2 dt (8,5) lc rgb "#D55E00" back
set label 'IOM share of assisted returns, % points' at screen 0.0309, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
plot $y3f using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle, \
     $y3h using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $y3h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $y3h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.3827
set rmargin at screen 0.6444
set tmargin at screen 0.4861
set bmargin at screen 0.2694
set xrange [0.4:6.6]
set xtics ('2019' 1, '2020' 2, '2021' 3, '2022' 4, '2023' 5, '2024' 6) scale 0.5
set yrange [-100:100]
set ytics ('−100' -100, '−50' -50, '0' 0, '+50' 50, '+100' 100)
set arrow from graph 0, first 0 to graph 1, first 0 nohead lw 1.2 lc rgb "#444444" back
set arrow from first 2.5000, graph 0 to first 2.5000, graph 1 nohead lw 2 dt (8,5) lc rgb "#D55E00" back
set label 'Mean days from entry to departure, days' at screen 0.3509, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
plot $y4h using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $y4h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $y4h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset label
unset object
unset arrow
set lmargin at screen 0.7139
set rmargin at screen 0.9644
set tmargin at screen 0.4861
set bmargin at screen 0.2694
set xrange [0.4:6.6]
set xtics ('2019' 1, '2020' 2, '2021' 3, '2022' 4, '2023' 5, '2024' 6) scale 0.5
set yrange [-2000:2000]
set ytics ('−2,000' -2000, '−1,000' -1000, '0' 0, '+1,000' 1000, '+2,000' 2000)
set arrow from graph 0, first 0 to graph 1, first 0 nohead lw 1.2 lc rgb "#444444" back
set arrow from first 2.5000, graph 0 to first 2.5000, graph 1 nohead lw 2 dt (8,5) lc rgb "#D55E00" back
set label 'Caseload at the year'."\047".'s end, persons' at screen 0.6709, graph 1 left offset 0,0.9 font "Sans Bold,12" textcolor rgb "#222222"
plot $y5h using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 1.5 lc rgb "#333333" notitle, \
     $y5h using 1:2 with points pt 7 ps 1.0 lc rgb "white" notitle, \
     $y5h using 1:2 with points pt 6 ps 1.3 lw 1.5 lc rgb "#0072B2" notitle
unset multiplot
unset output
