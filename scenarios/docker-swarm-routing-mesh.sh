# The swarm routing mesh: a service publishes port 8080, and every node answers on it.
# `docker service create -p 8080:80` runs two nginx tasks, one per node. A laptop on the
# LAN connects to either node's address on port 8080: the node DNATs the port to its
# ingress-sbox, whose IPVS balances the connections round robin over the tasks of all nodes
# through the `ingress` overlay network (10.0.0.0/24, VXLAN 4096).
ip netns add lan
ip netns add host1
ip netns add host2
ip netns add laptop
ip -n lan link add br0 type bridge
ip -n lan link set br0 up
ip -n lan link add p1 type veth peer name eth0 netns host1
ip -n lan link add p2 type veth peer name eth0 netns host2
ip -n lan link add p3 type veth peer name eth0 netns laptop
ip -n lan link set p1 master br0
ip -n lan link set p2 master br0
ip -n lan link set p3 master br0
ip -n lan link set p1 up
ip -n lan link set p2 up
ip -n lan link set p3 up
ip -n host1 addr add 192.168.1.11/24 dev eth0
ip -n host2 addr add 192.168.1.12/24 dev eth0
ip -n laptop addr add 192.168.1.50/24 dev eth0
ip -n host1 link set eth0 up
ip -n host2 link set eth0 up
ip -n laptop link set eth0 up
ip -n host1 link set lo up
ip -n host2 link set lo up
ip -n laptop link set lo up
# host1 starts a swarm (which brings the `ingress` overlay network); host2 joins it.
ip netns exec host1 docker swarm init --advertise-addr 192.168.1.11
ip netns exec host2 docker swarm join --token $(ip netns exec host1 docker swarm join-token -q worker) 192.168.1.11:2377
ip netns exec host1 docker network ls
# Publishing port 8080: each node gets ingress-sbox (10.0.0.2 and 10.0.0.3 on ingress,
# 172.18.0.2 on docker_gwbridge), the service a VIP on ingress, and the tasks 10.0.0.5 and
# 10.0.0.6 (eth0 on ingress; eth1 on docker_gwbridge for the way out).
ip netns exec host1 docker service create --name web --replicas 2 -p 8080:80 nginx
ip netns exec host1 docker service ls
ip netns exec host1 docker service ps web
# The laptop knows nothing of the swarm: it connects to a node's own address. Four requests
# to host1 and two to host2: the tasks answer in turn, whichever node was asked.
ip netns exec laptop curl -s http://192.168.1.11:8080/
ip netns exec laptop curl -s -o /dev/null -w '%{http_code}\n' http://192.168.1.11:8080/
ip netns exec laptop curl -s -o /dev/null -w '%{http_code}\n' http://192.168.1.11:8080/
ip netns exec laptop curl -s -o /dev/null -w '%{http_code}\n' http://192.168.1.11:8080/
ip netns exec laptop curl -s -o /dev/null -w '%{http_code}\n' http://192.168.1.12:8080/
ip netns exec laptop curl -s -o /dev/null -w '%{http_code}\n' http://192.168.1.12:8080/
# On the host: nat DOCKER-INGRESS (jumped to from PREROUTING and OUTPUT for local
# addresses) DNATs the published port to ingress-sbox on docker_gwbridge; the filter
# DOCKER-INGRESS chain lets it, and its answers, through FORWARD.
ip netns exec host1 iptables -t nat -S DOCKER-INGRESS
ip netns exec host1 iptables -t nat -S PREROUTING
ip netns exec host1 iptables -S DOCKER-INGRESS
ip netns exec host1 iptables -S FORWARD
ip netns exec host1 iptables -t nat -S POSTROUTING
# Inside ingress-sbox (/var/run/docker/netns/ingress_sbox): mangle PREROUTING gives the
# published port the service's firewall mark (0x100 = 256), IPVS balances mark 256 over the
# tasks' ingress addresses, and the `-m ipvs --ipvs` SNAT makes the tasks answer to
# ingress-sbox (10.0.0.2), which gives the answer back to the host.
ip netns exec host1 nsenter --net=/var/run/docker/netns/ingress_sbox iptables -t mangle -S PREROUTING
ip netns exec host1 nsenter --net=/var/run/docker/netns/ingress_sbox iptables -t nat -S POSTROUTING
ip netns exec host1 nsenter --net=/var/run/docker/netns/ingress_sbox ipvsadm -L -n
ip netns exec host2 nsenter --net=/var/run/docker/netns/ingress_sbox ipvsadm -L -n
ip netns exec host1 nsenter --net=/var/run/docker/netns/ingress_sbox ip addr show eth0
# In each task, the published port arriving on its ingress address is REDIRECTed to the
# target port 80 where nginx listens.
ip netns exec host1 nsenter --net=$(ip netns exec host1 docker inspect -f '{{.NetworkSettings.SandboxKey}}' $(ip netns exec host1 docker ps -q)) iptables -t nat -S PREROUTING
# The access logs of the two tasks: each served half of the requests, and every one came
# from an ingress-sbox (10.0.0.2 when it entered by host1, 10.0.0.3 when by host2), never
# from the laptop itself: that is the SNAT.
ip netns exec host1 docker logs $(ip netns exec host1 docker ps -q)
ip netns exec host2 docker logs $(ip netns exec host2 docker ps -q)
# A second published service gets the next firewall mark (257).
ip netns exec host1 docker service create --name api --replicas 1 --publish published=9090,target=80 httpd
ip netns exec host1 docker service ls
ip netns exec host1 nsenter --net=/var/run/docker/netns/ingress_sbox iptables -t mangle -S PREROUTING
ip netns exec laptop curl -s http://192.168.1.12:9090/
# Removing a service takes its rules and its IPVS service away; ingress-sbox stays.
ip netns exec host1 docker service rm web
ip netns exec host1 iptables -t nat -S DOCKER-INGRESS
ip netns exec host1 nsenter --net=/var/run/docker/netns/ingress_sbox ipvsadm -L -n
ip netns exec host1 docker service rm api
ip netns exec host1 iptables -t nat -S DOCKER-INGRESS
# Port 8080 is closed again: the connection is refused (curl exits with 7).
ip netns exec laptop curl -s --connect-timeout 2 http://192.168.1.11:8080/
