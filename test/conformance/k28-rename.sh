# Renaming devices (ip link set X name Y): down vs up, clashes, routes and addresses kept
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.28.0.1/24 dev eth0
ip -n b addr add 10.28.0.2/24 dev eth0
ip -n b link set eth0 up
ip -n a link set eth0 name wan0
ip -n a link show eth0
ip -n a link show wan0
ip -n a link set wan0 up
ip netns exec a ping -c 1 -W 1 10.28.0.2
ip -n a link set wan0 name wan1
ip -n a link show wan1
ip netns exec a ping -c 1 -W 1 -I wan0 10.28.0.2
ip netns exec a ping -c 1 -W 1 -I wan1 10.28.0.2
ip -n a route add 10.29.0.0/24 via 10.28.0.2
ip -n a route get 10.29.0.5
ip -n a link set wan1 down
ip -n a link set wan1 name wan2
ip -n a link set wan2 up
ip -n a route get 10.29.0.5
ip -n a route get 10.28.0.2
ip netns exec a ping -c 1 -W 1 10.28.0.2
ip -n a link add v0 type veth peer name v1
ip -n a link set v0 name wan2
ip -n a link set v0 name lo
ip -n a link set v0 name averyveryverylongname
ip -n a link set v0 name v1
ip -n a link set v0 name v0
ip -n a link set nodev0 name v9
ip -n a link set v0 name v9
ip -n a link set v1 name v0
ip -n a link show v0
ip -n a link del v9
ip -n a link show v0
ip -n a link set lo name lo2
ip -n a link add br0 type bridge
ip -n a link set br0 name sw0
ip -n a link set sw0 up
ip -n a link set sw0 name sw1
