# macvlan and bridges: a child of a bridge port is refused, a child of the bridge itself works, a macvlan as a bridge port
ip netns add h
ip netns add lan
ip netns add c1
ip -n h link add br0 type bridge
ip -n h link add eth0 type veth peer name eth0 netns lan
ip -n h link set eth0 master br0
ip -n h link set eth0 up
ip -n h link set br0 up
ip -n lan addr add 192.168.82.254/24 dev eth0
ip -n lan link set eth0 up
ip -n h link add mv0 link eth0 type macvlan mode bridge
ip -n h link add mv1 link br0 type macvlan mode bridge
ip -n h link set mv1 netns c1
ip -n c1 addr add 192.168.82.11/24 dev mv1
ip -n c1 link set mv1 up
ip netns exec c1 ping -c 1 -W 1 192.168.82.254
ip -n h addr add 192.168.82.1/24 dev br0
ip netns exec c1 ping -c 1 -W 1 192.168.82.1
ip -n h link set eth0 nomaster
ip -n h link add mv2 link eth0 type macvlan mode bridge
ip -n h link set eth0 master br0
ip -n h link del mv2
ip -n h link set eth0 master br0
ip -n h link add vb type veth peer name vbp
ip -n h link add mv3 link vb type macvlan mode bridge
ip -n h link set mv3 master br0
ip -n h link set vb up
ip -n h link set vbp up
ip -n h link set mv3 up
ip -n lan neigh flush all
ip netns exec lan ping -c 1 -W 1 192.168.82.1
ip -n h link add mv4 link mv1 type macvlan mode bridge
ip -n h link add mv4 link lo type macvlan mode bridge
ip -n c1 link add mv4 link mv1 type macvlan mode bridge
ip -n c1 link show mv4
ip -n h link del br0
ip netns exec c1 ping -c 1 -W 1 192.168.82.254
ip -n c1 link show mv1
