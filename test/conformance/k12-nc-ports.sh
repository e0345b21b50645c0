# nc -z to open and closed ports, locally and across a router; one-shot vs -k listeners
ip netns add c
ip netns add r
ip netns add s
ip -n c link add eth0 type veth peer name rc netns r
ip -n s link add eth0 type veth peer name rs netns r
ip -n c addr add 10.120.1.2/24 dev eth0
ip -n s addr add 10.120.2.2/24 dev eth0
ip -n r addr add 10.120.1.1/24 dev rc
ip -n r addr add 10.120.2.1/24 dev rs
ip -n c link set eth0 up
ip -n s link set eth0 up
ip -n r link set rc up
ip -n r link set rs up
ip -n s link set lo up
ip -n c route add default via 10.120.1.1
ip -n s route add default via 10.120.2.1
ip netns exec s nc -lk 8080 &
ip netns exec s nc -l 9090 &
ip netns exec s nc -z -w 1 127.0.0.1 8080
ip netns exec s nc -z -w 1 10.120.2.2 8080
ip netns exec s nc -z -w 1 10.120.2.2 8081
ip netns exec c nc -z -w 1 10.120.2.2 8080
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec c nc -z -w 1 10.120.2.2 8080
ip netns exec c nc -z -w 1 10.120.2.2 8080
ip netns exec c nc -z -w 1 10.120.2.2 8081
ip netns exec c nc -z -w 1 10.120.2.2 9090
ip netns exec c nc -z -w 1 10.120.2.2 9090
ip netns exec c nc -z -w 1 10.120.1.1 22
ip netns exec c nc -z -w 1 10.120.2.99 8080
ip netns exec c nc -z -w 1 10.120.2.2 70000
ip netns exec s nc -l -k -p 7070 &
ip netns exec c nc -z -w 1 10.120.2.2 7070
ip -n s link set eth0 down
ip netns exec c nc -z -w 1 10.120.2.2 7070
