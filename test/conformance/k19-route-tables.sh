# Route tables: table 100 / main / local / names, route show/flush/get per table
ip netns add h
ip netns add r
ip -n h link add eth0 type veth peer name eth0 netns r
ip -n h addr add 10.190.0.2/24 dev eth0
ip -n r addr add 10.190.0.1/24 dev eth0
ip -n r addr add 10.199.9.9/32 dev lo
ip -n h link set eth0 up
ip -n r link set eth0 up
ip -n r link set lo up
ip -n h route add 10.199.0.0/16 via 10.190.0.1 table 100
ip -n h route show table 100
ip netns exec h ping -c 1 -W 1 10.199.9.9
ip -n h route get 10.199.9.9
ip -n h route add 10.199.0.0/16 via 10.190.0.1 table 100
ip -n h route add 10.199.0.0/16 via 10.190.0.1 table main
ip netns exec h ping -c 1 -W 1 10.199.9.9
ip -n h route show table main
ip -n h route show table local
ip -n h route show table all
ip -n h route show table 200
ip -n h route show table frob
ip -n h route add 10.198.0.0/16 via 10.190.0.1 table frob
ip -n h route add 10.198.0.0/16 via 10.190.0.1 table 0
ip -n h route add 10.198.0.0/16 via 10.190.0.1 table 4294967295
ip -n h route add 10.198.0.0/16 via 10.190.0.1 table default
ip -n h route show table default
ip -n h route del 10.199.0.0/16 table main
ip netns exec h ping -c 1 -W 1 10.199.9.9
ip -n h route del 10.199.0.0/16 table main
ip -n h route flush table 100
ip -n h route show table 100
ip -n h route flush table 100
ip -n h route flush
ip -n h route flush dev eth0
ip netns exec h ping -c 1 -W 1 10.190.0.1
ip -n h route show table local
ip -n h route add local 10.197.0.1 dev eth0 table local
ip netns exec h ping -c 1 -W 1 10.197.0.1
ip -n h route del local 10.197.0.1 dev eth0 table local
ip -n h route del 10.190.0.2 table local
ip netns exec h ping -c 1 -W 1 10.190.0.1
