# macvlan private and vepa: children talk only through an external switch port with hairpin on (vepa)
ip netns add h
ip netns add sw
ip netns add lan
ip netns add c1
ip netns add c2
ip -n sw link add br0 type bridge
ip -n sw link set br0 up
ip -n sw link add swp type veth peer name eth0 netns h
ip -n sw link add swl type veth peer name eth0 netns lan
ip -n sw link set swp master br0
ip -n sw link set swl master br0
ip -n sw link set swp up
ip -n sw link set swl up
ip -n h link set eth0 up
ip -n lan addr add 192.168.60.254/24 dev eth0
ip -n lan link set eth0 up
ip -n h link add mv1 link eth0 type macvlan mode private
ip -n h link add mv2 link eth0 type macvlan mode private
ip -n h link set mv1 netns c1
ip -n h link set mv2 netns c2
ip -n c1 addr add 192.168.60.11/24 dev mv1
ip -n c2 addr add 192.168.60.12/24 dev mv2
ip -n c1 link set mv1 up
ip -n c2 link set mv2 up
ip netns exec c1 ping -c 1 -W 1 192.168.60.254
ip netns exec c1 ping -c 1 -W 1 192.168.60.12
ip netns exec sw bridge link set dev swp hairpin on
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 192.168.60.12
ip -n c1 link set mv1 type macvlan mode vepa
ip -n c2 link set mv2 type macvlan mode vepa
ip -n c1 neigh flush all
ip -n c2 neigh flush all
ip netns exec c1 ping -c 1 -W 1 192.168.60.12
ip netns exec sw bridge link set dev swp hairpin off
ip -n c1 neigh flush all
ip -n c2 neigh flush all
ip netns exec c1 ping -c 1 -W 1 192.168.60.12
ip netns exec c2 ping -c 1 -W 1 192.168.60.254
ip netns exec sw bridge link set dev nodev hairpin on
ip -n c1 link set mv1 type macvlan mode bridge
ip -n c2 link set mv2 type macvlan mode bridge
ip -n c1 neigh flush all
ip -n c2 neigh flush all
ip netns exec c1 ping -c 1 -W 1 192.168.60.12
