# macvlan mode bridge: children in other namespaces reach each other and the LAN peer, not the parent
ip netns add h
ip netns add lan
ip netns add c1
ip netns add c2
ip -n h link add eth0 type veth peer name eth0 netns lan
ip -n h addr add 192.168.50.1/24 dev eth0
ip -n lan addr add 192.168.50.254/24 dev eth0
ip -n h link set eth0 up
ip -n lan link set eth0 up
ip -n h link add mv1 link eth0 type macvlan mode bridge
ip -n h link add mv2 link eth0 type macvlan mode bridge
ip -n h link add mv3 link eth0 type macvlan mode fancy
ip -n h link add mv3 link nodev type macvlan mode bridge
ip -n h link add mv3 type macvlan mode bridge
ip -n h link add mv1 link eth0 type macvlan mode bridge
ip -n h link set mv1 netns c1
ip -n h link set mv2 netns c2
ip -n c1 addr add 192.168.50.11/24 dev mv1
ip -n c2 addr add 192.168.50.12/24 dev mv2
ip -n c1 link set mv1 up
ip -n c2 link set mv2 up
ip netns exec c1 ping -c 1 -W 1 192.168.50.12
ip netns exec c1 ping -c 1 -W 1 192.168.50.254
ip netns exec lan ping -c 1 -W 1 192.168.50.12
ip netns exec c1 ping -c 1 -W 1 192.168.50.1
ip netns exec h ping -c 1 -W 1 192.168.50.11
ip netns exec c2 nc -l 9000 &
ip netns exec c1 nc -z -w 1 192.168.50.12 9000
ip -n h link add mvh link eth0 type macvlan mode bridge
ip -n h addr add 192.168.50.2/24 dev mvh
ip -n h link set mvh up
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 192.168.50.2
ip -n h route add 192.168.50.11/32 dev mvh
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 192.168.50.2
ip netns exec h ping -c 1 -W 1 192.168.50.11
ip -n h link set eth0 down
ip netns exec c1 ping -c 1 -W 1 192.168.50.12
ip -n h link set eth0 up
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 192.168.50.12
ip -n h link del eth0
ip -n c1 link show mv1
