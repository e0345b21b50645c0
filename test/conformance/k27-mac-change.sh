# Changing a MAC address (ip link set address): stale neighbour entries, invalid addresses
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.27.0.1/24 dev eth0
ip -n b addr add 10.27.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a ping -c 1 -W 1 10.27.0.2
ip -n b link set eth0 address 02:00:00:00:27:02
ip -n b link show eth0
ip netns exec a ping -c 1 -W 1 10.27.0.2
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.27.0.2
ip -n b link set eth0 down
ip -n b link set eth0 address 02:00:00:00:27:22
ip -n b link set eth0 up
ip netns exec a ping -c 1 -W 1 10.27.0.2
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.27.0.2
ip -n b link set eth0 address 01:00:00:00:27:02
ip -n b link set eth0 address 00:00:00:00:00:00
ip -n b link set eth0 address ff:ff:ff:ff:ff:ff
ip -n b link set eth0 address zz:00:00:00:00:01
ip -n b link set eth0 address 02:00:00:00:27
ip -n b link set eth0 address 02:00:00:00:27:02:03
ip -n b link set nodev0 address 02:00:00:00:27:02
ip -n b link set lo address 02:00:00:00:27:02
ip -n a link set eth0 address 02:00:00:00:27:22
ip -n b neigh flush all
ip netns exec b ping -c 1 -W 1 10.27.0.1
ip -n a link add v0 address 02:00:00:00:27:30 type veth peer name v1 address 02:00:00:00:27:31
ip -n a link add v2 address 03:00:00:00:27:30 type veth peer name v3
ip -n a link add v4 address 02:00:00:00:27:30 type veth peer name v5
ip -n a link show v4
