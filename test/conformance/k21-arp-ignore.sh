# arp_ignore: answering ARP for an address configured on another interface (lo)
ip netns add h
ip netns add c
ip -n h link add eth0 type veth peer name eth0 netns c
ip -n h addr add 10.210.0.1/24 dev eth0
ip -n h addr add 10.219.0.1/32 dev lo
ip -n h addr add 10.218.0.9/24 dev lo
ip -n c addr add 10.210.0.2/24 dev eth0
ip -n h link set eth0 up
ip -n h link set lo up
ip -n c link set eth0 up
ip -n c route add 10.219.0.1/32 dev eth0
ip -n c route add 10.218.0.0/24 dev eth0
ip netns exec c ping -c 1 -W 1 10.219.0.1
ip netns exec c ping -c 1 -W 1 10.210.0.1
ip netns exec c ping -c 1 -W 1 10.218.0.77
ip netns exec h sysctl -w net.ipv4.conf.eth0.arp_ignore=1
ip -n c neigh flush all
ip -n h neigh flush all
ip netns exec c ping -c 1 -W 1 10.219.0.1
ip netns exec c ping -c 1 -W 1 10.210.0.1
ip netns exec c ping -c 1 -W 1 10.218.0.9
ip netns exec h sysctl -w net.ipv4.conf.eth0.arp_ignore=0
ip netns exec h sysctl -w net.ipv4.conf.all.arp_ignore=1
ip -n c neigh flush all
ip -n h neigh flush all
ip netns exec c ping -c 1 -W 1 10.219.0.1
ip netns exec h sysctl -w net.ipv4.conf.all.arp_ignore=2
ip -n c neigh flush all
ip -n h neigh flush all
ip netns exec c ping -c 1 -W 1 10.210.0.1
ip netns exec c ping -c 1 -W 1 10.218.0.9
ip netns exec c ping -c 1 -W 1 10.219.0.1
ip netns exec h sysctl -w net.ipv4.conf.all.arp_ignore=8
ip -n c neigh flush all
ip -n h neigh flush all
ip netns exec c ping -c 1 -W 1 10.210.0.1
ip netns exec h sysctl -w net.ipv4.conf.all.arp_ignore=0
ip -n c neigh flush all
ip -n h neigh flush all
ip netns exec c ping -c 1 -W 1 10.210.0.1
ip netns exec c ping -c 1 -W 1 10.219.0.1
ip netns exec h sysctl -n net.ipv4.conf.eth0.arp_ignore
