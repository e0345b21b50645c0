# VXLAN odd parameters: local not owned by the host, ttl 1 across a router, df inherit, ttl/tos limits
ip netns add r
ip netns add h1
ip netns add h2
ip -n r link add e1 type veth peer name phy netns h1
ip -n r link add e2 type veth peer name phy netns h2
ip -n r addr add 192.168.1.254/24 dev e1
ip -n r addr add 192.168.2.254/24 dev e2
ip -n r link set e1 up
ip -n r link set e2 up
ip -n h1 addr add 192.168.1.1/24 dev phy
ip -n h2 addr add 192.168.2.1/24 dev phy
ip -n h1 link set phy up
ip -n h2 link set phy up
ip -n h1 route add default via 192.168.1.254
ip -n h2 route add default via 192.168.2.254
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n h1 link add vx0 type vxlan id 42 dstport 4789 remote 192.168.2.1 local 192.168.1.99 dev phy
ip -n h2 link add vx0 type vxlan id 42 dstport 4789 remote 192.168.1.1 local 192.168.2.1 dev phy
ip -n h1 addr add 10.42.0.1/24 dev vx0
ip -n h2 addr add 10.42.0.2/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip -n h1 addr add 192.168.1.99/24 dev phy
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip -n h1 link set vx0 type vxlan local 192.168.1.1
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip -n h2 link set vx0 type vxlan ttl 1
ip -n h2 neigh flush all
ip -n h1 neigh flush all
ip netns exec h2 ping -c 1 -W 1 10.42.0.1
ip -n h2 link set vx0 type vxlan ttl inherit
ip -n h2 neigh flush all
ip -n h1 neigh flush all
ip netns exec h2 ping -c 1 -W 1 10.42.0.1
ip netns exec h2 ping -c 1 -W 1 -t 1 10.42.0.1
ip -n h2 link set vx0 type vxlan df inherit
ip netns exec h2 ping -c 1 -W 1 10.42.0.1
ip -n h2 link set vx0 type vxlan ttl 256
ip -n h2 link set vx0 type vxlan df maybe
ip -n h2 link set vx0 type vxlan tos 0x10
