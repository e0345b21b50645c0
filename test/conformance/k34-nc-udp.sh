# nc -u: UDP probes to open and closed ports, ICMP port unreachable, unreachable hosts
ip netns add c
ip netns add s
ip -n c link add eth0 type veth peer name eth0 netns s
ip -n c addr add 10.34.0.1/24 dev eth0
ip -n s addr add 10.34.0.2/24 dev eth0
ip -n c link set eth0 up
ip -n s link set eth0 up
ip -n s link set lo up
ip netns exec s nc -u -l 5353 &
ip netns exec s nc -u -lk 5454 &
ip netns exec s nc -lk 8080 &
ip netns exec c nc -u -z -w 1 10.34.0.2 5353
ip netns exec c nc -u -z -w 1 10.34.0.2 5454
ip netns exec c nc -u -z -w 1 10.34.0.2 5999
ip netns exec c nc -z -w 1 10.34.0.2 5454
ip netns exec c nc -u -z -w 1 10.34.0.2 8080
ip netns exec c nc -z -w 1 10.34.0.2 8080
ip netns exec s nc -u -z -w 1 127.0.0.1 5454
ip netns exec s nc -u -z -w 1 127.0.0.1 5999
ip netns exec c nc -u -z -w 1 10.35.0.2 5454
ip netns exec c nc -u -z -w 1 10.34.0.99 5454
ip netns exec s sysctl -w net.ipv4.icmp_echo_ignore_all=1
ip netns exec c nc -u -z -w 1 10.34.0.2 5999
ip netns exec c nc -u -z -w 1 10.34.0.2 70000
ip -n s link set eth0 down
ip netns exec c nc -u -z -w 1 10.34.0.2 5454
ip netns exec c nc -z -w 1 10.34.0.2 8080
