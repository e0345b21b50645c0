# macvlan bridge mode: three children in three namespaces, one in the parent namespace, a child created on a down parent
ip netns add h
ip netns add lan
ip netns add c1
ip netns add c2
ip netns add c3
ip -n h link add eth0 type veth peer name eth0 netns lan
ip -n lan addr add 192.168.80.254/24 dev eth0
ip -n lan link set eth0 up
ip -n h link add mv1 link eth0 type macvlan mode bridge
ip -n h link add mv2 link eth0 type macvlan mode bridge
ip -n h link add mv3 link eth0 type macvlan mode bridge
ip -n h link set mv1 netns c1
ip -n h link set mv2 netns c2
ip -n h link set mv3 netns c3
ip -n c1 addr add 192.168.80.11/24 dev mv1
ip -n c2 addr add 192.168.80.12/24 dev mv2
ip -n c3 addr add 192.168.80.13/24 dev mv3
ip -n c1 link set mv1 up
ip -n c2 link set mv2 up
ip -n c3 link set mv3 up
ip -n c1 link show mv1
ip netns exec c1 ping -c 1 -W 1 192.168.80.12
ip netns exec c1 ping -c 1 -W 1 192.168.80.254
ip -n h link set eth0 up
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 192.168.80.12
ip netns exec c1 ping -c 1 -W 1 192.168.80.254
ip netns exec c3 ping -c 1 -W 1 192.168.80.11
ip -n c2 link set mv2 down
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 192.168.80.12
ip netns exec c1 ping -c 1 -W 1 192.168.80.13
ip -n c2 link set mv2 up
ip -n h link add mv4 link eth0 type macvlan mode bridge
ip -n h addr add 192.168.80.14/24 dev mv4
ip -n h link set mv4 up
ip netns exec c1 ping -c 1 -W 1 192.168.80.14
ip netns exec h ping -c 1 -W 1 192.168.80.13
ip -n h link set eth0 down
ip -n h link show mv4
ip netns exec c3 ping -c 1 -W 1 192.168.80.11
ip -n c3 link set mv3 nomaster
ip -n c3 link set mv3 type macvlan mode private
ip netns exec c3 ping -c 1 -W 1 192.168.80.254
