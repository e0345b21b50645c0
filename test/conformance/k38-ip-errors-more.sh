# More ip error exits: prefix lengths, bad addresses and lladdrs, nud states, metrics, missing dev
ip netns add s1
ip -n s1 link add v0 type veth peer name v1
ip -n s1 addr add 10.38.0.1/33 dev v0
ip -n s1 addr add 10.38.0.1/-1 dev v0
ip -n s1 addr add 10.38.0.1/abc dev v0
ip -n s1 addr add 10.38.0/24 dev v0
ip -n s1 addr add 10.38.0.1/24
ip -n s1 addr del 10.38.0.1/24
ip -n s1 addr add 10.38.0.1/24 dev v0 frob
ip -n s1 addr add 10.38.0.1/24 brd 10.38.0.300 dev v0
ip -n s1 addr add 224.0.0.5/24 dev v0
ip -n s1 addr add 0.0.0.0/24 dev v0
ip -n s1 addr add 255.255.255.255/32 dev v0
ip -n s1 route add 10.39.0.0/33 dev v0
ip -n s1 route add 300.0.0.0/8 dev v0
ip -n s1 route add 10.39.0.0/24 via 10.38.0.300
ip -n s1 route add 10.39.0.0/24 dev v0 metric -1
ip -n s1 route add 10.39.0.0/24 dev v0 table
ip -n s1 route add 10.39.0.0/24
ip -n s1 route add 10.39.0.0/24 dev v0
ip -n s1 route add 10.39.0.0/24 via 10.39.0.1
ip -n s1 route add unreachable 10.40.0.0/24 dev v0
ip -n s1 route del 10.39.0.0/24 dev v1
ip -n s1 route del 10.39.0.0/24 via 10.38.0.5
ip -n s1 route get 10.39.0.5 from 10.38.0.300
ip -n s1 neigh add 10.38.0.5 lladdr 02:00:00:00:38:05 dev v0 nud incomplete
ip -n s1 neigh add 10.38.0.5 dev v0
ip -n s1 neigh add 10.38.0.6 lladdr 02:00:00:00:38:05:06:07 dev v0
ip -n s1 neigh del 10.38.0.300 dev v0
ip -n s1 link set v0 mtu
ip -n s1 link set v0 up down
ip -n s1 link set v0 address
ip -n s1 link add v2 type veth peer
ip -n s1 link add v2 type veth peer name v2
ip -n s1 link add v3 type veth peer name v1
ip -n s1 link add name v4 type veth peer name v5
ip -n s1 link show v3
ip -n s1 link set dev v4 up
ip -n s1 addr show dev v4
ip -n s1 link del dev v4
ip -n s1 link del v5
