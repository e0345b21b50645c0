# VXLAN bridged overlay on two hosts: nolearning + all-zeros flood entries, fdb add/append/del errors
ip netns add h1
ip netns add h2
ip netns add c1
ip netns add c2
ip -n h1 link add phy type veth peer name phy netns h2
ip -n h1 addr add 10.100.0.1/24 dev phy
ip -n h2 addr add 10.100.0.2/24 dev phy
ip -n h1 link set phy up
ip -n h2 link set phy up
ip -n h1 link add br0 type bridge
ip -n h2 link add br0 type bridge
ip -n h1 link add vxlan0 type vxlan id 4096 dstport 4789 local 10.100.0.1 dev phy nolearning
ip -n h2 link add vxlan0 type vxlan id 4096 dstport 4789 local 10.100.0.2 dev phy nolearning
ip -n h1 link set vxlan0 master br0
ip -n h2 link set vxlan0 master br0
ip -n h1 link add veth0 type veth peer name eth0 netns c1
ip -n h2 link add veth0 type veth peer name eth0 netns c2
ip -n h1 link set veth0 master br0
ip -n h2 link set veth0 master br0
ip -n h1 link set vxlan0 up
ip -n h2 link set vxlan0 up
ip -n h1 link set veth0 up
ip -n h2 link set veth0 up
ip -n h1 link set br0 up
ip -n h2 link set br0 up
ip -n c1 addr add 10.0.0.2/24 dev eth0
ip -n c2 addr add 10.0.0.3/24 dev eth0
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up
ip netns exec c1 ping -c 1 -W 1 10.0.0.3
ip netns exec h1 bridge fdb append 00:00:00:00:00:00 dev vxlan0 dst 10.100.0.2
ip netns exec h1 bridge fdb add 00:00:00:00:00:00 dev vxlan0 dst 10.100.0.2
ip netns exec h1 bridge fdb append 00:00:00:00:00:00 dev nodev dst 10.100.0.2
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 10.0.0.3
ip netns exec h2 bridge fdb append 00:00:00:00:00:00 dev vxlan0 dst 10.100.0.1
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 10.0.0.3
ip netns exec c2 ping -c 1 -W 1 10.0.0.2
ip netns exec c2 nc -l 6379 &
ip netns exec c1 nc -z -w 1 10.0.0.3 6379
ip netns exec h1 bridge fdb show dev vxlan0
ip netns exec h1 bridge fdb del 00:00:00:00:00:00 dev vxlan0 dst 10.100.0.2
ip netns exec h1 bridge fdb del 00:00:00:00:00:00 dev vxlan0 dst 10.100.0.2
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 10.0.0.3
ip netns exec h1 bridge fdb add 00:00:00:00:00:00 dev vxlan0 dst 10.100.0.2
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 10.0.0.3
