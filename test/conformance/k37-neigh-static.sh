# Static neighbour entries: nud permanent/reachable/stale/noarp, wrong MAC, replace, del, flush
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n b link set eth0 address 02:00:00:00:37:02
ip -n a addr add 10.37.0.1/24 dev eth0
ip -n b addr add 10.37.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a neigh add 10.37.0.2 lladdr 02:00:00:00:37:99 dev eth0 nud permanent
ip netns exec a ping -c 1 -W 1 10.37.0.2
ip -n a neigh flush all
ip -n a neigh show nud permanent
ip netns exec a ping -c 1 -W 1 10.37.0.2
ip -n a neigh add 10.37.0.2 lladdr 02:00:00:00:37:02 dev eth0 nud permanent
ip -n a neigh replace 10.37.0.2 lladdr 02:00:00:00:37:02 dev eth0 nud permanent
ip netns exec a ping -c 1 -W 1 10.37.0.2
ip -n a neigh del 10.37.0.2 dev eth0
ip -n a neigh del 10.37.0.2 dev eth0
ip -n a neigh add 10.37.0.2 lladdr 02:00:00:00:37:99 dev eth0 nud reachable
ip netns exec a ping -c 1 -W 1 10.37.0.2
ip -n a neigh replace 10.37.0.2 lladdr 02:00:00:00:37:99 dev eth0 nud stale
ip netns exec a ping -c 1 -W 1 10.37.0.2
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.37.0.2
ip -n a neigh show nud reachable
ip -n a neigh add 10.37.0.50 lladdr 02:00:00:00:37:50 dev eth0 nud noarp
ip -n a neigh show nud noarp
ip -n a neigh add 10.37.0.51 lladdr 02:00:00:00:37:51 dev eth0 nud frob
ip -n a neigh add 10.37.0.51 lladdr zz:00:00:00:37:51 dev eth0
ip -n a neigh add 10.37.0.51 lladdr 02:00:00:00:37:51 dev nodev0
ip -n a neigh add 10.37.0.51 lladdr 02:00:00:00:37:51
ip -n a neigh add 10.99.0.51 lladdr 02:00:00:00:37:51 dev eth0
ip -n a neigh show nud frob
ip -n a neigh show nud all
ip -n a neigh replace 10.37.0.52 lladdr 02:00:00:00:37:52 dev eth0
ip -n a neigh show 10.37.0.52
ip -n b neigh replace 10.37.0.1 lladdr 02:00:00:00:37:98 dev eth0 nud permanent
ip netns exec a ping -c 1 -W 1 10.37.0.2
ip -n b neigh del 10.37.0.1 dev eth0
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.37.0.2
