# rp_filter: strict (1) drops asymmetric-path packets, loose (2) and off (0) accept them
ip netns add c
ip netns add r
ip netns add s
ip -n c link add eth0 type veth peer name ec netns r
ip -n r link add l1 type veth peer name e1 netns s
ip -n r link add l2 type veth peer name e2 netns s
ip -n c addr add 10.230.0.2/24 dev eth0
ip -n r addr add 10.230.0.1/24 dev ec
ip -n r addr add 10.231.1.1/24 dev l1
ip -n r addr add 10.231.2.1/24 dev l2
ip -n s addr add 10.231.1.2/24 dev e1
ip -n s addr add 10.231.2.2/24 dev e2
ip -n c link set eth0 up
ip -n r link set ec up
ip -n r link set l1 up
ip -n r link set l2 up
ip -n s link set e1 up
ip -n s link set e2 up
ip -n c route add default via 10.230.0.1
ip -n s route add 10.230.0.0/24 via 10.231.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec s sysctl -w net.ipv4.conf.all.rp_filter=0
ip netns exec r sysctl -w net.ipv4.conf.all.rp_filter=0
ip netns exec s sysctl -w net.ipv4.conf.e1.rp_filter=0
ip netns exec r sysctl -w net.ipv4.conf.l2.rp_filter=0
ip netns exec c ping -c 1 -W 1 10.231.1.2
ip netns exec c ping -c 1 -W 1 10.231.2.2
ip netns exec s sysctl -w net.ipv4.conf.e1.rp_filter=1
ip netns exec c ping -c 1 -W 1 10.231.1.2
ip netns exec c ping -c 1 -W 1 10.231.2.2
ip netns exec s sysctl -w net.ipv4.conf.e1.rp_filter=2
ip netns exec c ping -c 1 -W 1 10.231.1.2
ip netns exec s sysctl -w net.ipv4.conf.e1.rp_filter=0
ip netns exec s sysctl -w net.ipv4.conf.all.rp_filter=1
ip netns exec c ping -c 1 -W 1 10.231.1.2
ip netns exec s sysctl -w net.ipv4.conf.all.rp_filter=0
ip netns exec r sysctl -w net.ipv4.conf.l2.rp_filter=1
ip netns exec c ping -c 1 -W 1 10.231.1.2
ip netns exec c ping -c 1 -W 1 10.231.2.2
ip netns exec r sysctl -w net.ipv4.conf.l2.rp_filter=0
ip netns exec c ping -c 1 -W 1 10.231.1.2
ip netns exec s sysctl -w net.ipv4.conf.e1.rp_filter=3
ip netns exec s sysctl -n net.ipv4.conf.e1.rp_filter
