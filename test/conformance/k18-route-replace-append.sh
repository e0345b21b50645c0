# ip route replace / append / change / prepend on an existing and a missing route
ip netns add h
ip netns add g1
ip netns add g2
ip netns add t
ip -n h link add e1 type veth peer name lan netns g1
ip -n h link add e2 type veth peer name lan netns g2
ip -n g1 link add far type veth peer name eth0 netns t
ip -n h addr add 10.180.1.2/24 dev e1
ip -n h addr add 10.180.2.2/24 dev e2
ip -n g1 addr add 10.180.1.1/24 dev lan
ip -n g2 addr add 10.180.2.1/24 dev lan
ip -n g1 addr add 10.189.0.1/24 dev far
ip -n t addr add 10.189.0.2/24 dev eth0
ip -n h link set e1 up
ip -n h link set e2 up
ip -n g1 link set lan up
ip -n g2 link set lan up
ip -n g1 link set far up
ip -n t link set eth0 up
ip -n t route add default via 10.189.0.1
ip netns exec g1 sysctl -w net.ipv4.ip_forward=1
ip -n h route replace 10.189.0.0/24 via 10.180.2.1
ip netns exec h ping -c 1 -W 1 10.189.0.2
ip -n h route replace 10.189.0.0/24 via 10.180.1.1
ip netns exec h ping -c 1 -W 1 10.189.0.2
ip -n h route append 10.189.0.0/24 via 10.180.2.1
ip -n h route append 10.189.0.0/24 via 10.180.2.1
ip -n h route show 10.189.0.0/24
ip netns exec h ping -c 1 -W 1 10.189.0.2
ip -n h route del 10.189.0.0/24 via 10.180.1.1
ip netns exec h ping -c 1 -W 1 10.189.0.2
ip -n h route change 10.189.0.0/24 via 10.180.1.1
ip netns exec h ping -c 1 -W 1 10.189.0.2
ip -n h route change 10.188.0.0/24 via 10.180.1.1
ip -n h route prepend 10.189.0.0/24 via 10.180.2.1
ip -n h route replace blackhole 10.189.0.0/24
ip netns exec h ping -c 1 -W 1 10.189.0.2
ip -n h route replace 10.189.0.0/24 via 10.180.9.9
ip -n h route replace 10.189.0.0/24 dev e1
ip netns exec h ping -c 1 -W 1 10.189.0.2
ip -n h route replace 10.189.0.0/24 via 10.180.1.1 dev e1
ip -n h neigh flush all
ip netns exec h ping -c 1 -W 1 10.189.0.2
