# macvlan with an explicit MAC: duplicate MACs, changing a MAC, a child moved back to its parent's namespace
ip netns add h
ip netns add lan
ip netns add c1
ip -n h link add eth0 type veth peer name eth0 netns lan
ip -n lan addr add 192.168.81.254/24 dev eth0
ip -n h link set eth0 up
ip -n lan link set eth0 up
ip -n h link add mv1 link eth0 address 02:00:00:00:81:01 type macvlan mode bridge
ip -n h link add mv2 link eth0 address 02:00:00:00:81:01 type macvlan mode bridge
ip -n h link add mv2 link eth0 address 02:00:00:00:81:02 type macvlan mode bridge
ip -n h link add mv3 link eth0 address 01:00:00:00:81:03 type macvlan mode bridge
ip -n h link set mv2 address 02:00:00:00:81:01
ip -n h link set mv1 netns c1
ip -n c1 addr add 192.168.81.11/24 dev mv1
ip -n c1 link set mv1 up
ip netns exec c1 ping -c 1 -W 1 192.168.81.254
ip netns exec lan ip neigh show 192.168.81.11
ip -n c1 link set mv1 address 02:00:00:00:81:99
ip netns exec c1 ping -c 1 -W 1 192.168.81.254
ip -n c1 link set mv1 down
ip -n c1 link set mv1 address 02:00:00:00:81:99
ip -n c1 link set mv1 up
ip -n lan neigh flush all
ip netns exec c1 ping -c 1 -W 1 192.168.81.254
ip -n c1 link set mv1 netns h
ip -n h link show mv1
ip -n h addr add 192.168.81.11/24 dev mv1
ip -n h link set mv1 up
ip netns exec lan ping -c 1 -W 1 192.168.81.11
ip -n h addr add 192.168.81.1/24 dev eth0
ip netns exec h ping -c 1 -W 1 -I mv1 192.168.81.1
ip netns exec lan ping -c 1 -W 1 192.168.81.1
ip -n h link set eth0 address 02:00:00:00:81:02
ip -n h link set eth0 address 02:00:00:00:81:99
ip -n h link set mv1 address 02:00:00:00:81:02
ip -n h link set eth0 address 02:00:00:00:81:42
ip -n h link add mv5 link eth0 address 02:00:00:00:81:42 type macvlan mode bridge
