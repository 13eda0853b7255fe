set terminal pngcairo size 900,500 noenhanced
set output 'bench/results/2026-11-27-prosody-ping-throughput.png'
set title 'Throughput at saturation: prosody / ping'
set ylabel 'stanzas/s'
set style fill solid 0.6
set boxwidth 0.6
set yrange [0:*]
set grid ytics
unset key
plot 'bench/results/2026-11-27-prosody-ping-throughput.dat' using 0:2:xtic(1) with boxes
set output 'bench/results/2026-11-27-prosody-ping-latency.png'
set title 'Latency CDF at half the ceiling throughput: prosody / ping'
set xlabel 'latency (ms)'
set ylabel 'percentile'
set logscale x
set key bottom right
set yrange [0:100]
unset boxwidth
plot 'bench/results/latency/prosody-ping-ceiling-s100-w0.dat' using 1:2 with lines lw 2 title 'ceiling', 'bench/results/latency/prosody-ping-kindling-s100-w0.dat' using 1:2 with lines lw 2 title 'kindling', 'bench/results/latency/prosody-ping-kindling-tinder-s100-w0.dat' using 1:2 with lines lw 2 title 'kindling-tinder', 'bench/results/latency/prosody-ping-whack-s100-w0.dat' using 1:2 with lines lw 2 title 'whack', 'bench/results/latency/prosody-ping-babbler-s100-w0.dat' using 1:2 with lines lw 2 title 'babbler', 'bench/results/latency/prosody-ping-slixmpp-s100-w0.dat' using 1:2 with lines lw 2 title 'slixmpp', 'bench/results/latency/prosody-ping-xmpp.js-s100-w0.dat' using 1:2 with lines lw 2 title 'xmpp.js'
