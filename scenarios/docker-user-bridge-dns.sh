# A user-defined bridge network: its own Linux bridge (br-…), its own subnet, isolated from
# docker0, and Docker's embedded DNS so containers find each other by name.

docker network create todo-app
docker run -d --name mysql --network todo-app --network-alias db mysql
docker run -d --name api --network todo-app alpine sleep 1000
docker run -d --name outsider alpine sleep 1000

# todo-app got the next free subnet, 172.18.0.0/16, on a bridge named br-<network id>.
docker network ls
ip -br addr show

# Containers on a user-defined network ask 127.0.0.11, Docker's embedded DNS server, which
# lives inside each container's namespace (NAT rules send port 53 to its real port).
docker exec api cat /etc/resolv.conf
docker exec api nslookup mysql
docker exec api ping -c 1 -W 1 mysql
# The network alias answers too, and so does name.network.
docker exec api ping -c 1 -W 1 db
docker exec api ping -c 1 -W 1 mysql.todo-app
docker exec api iptables -t nat -S DOCKER_OUTPUT

# Names it does not know go to the host's resolver; the reply comes back through NAT.
docker exec api wget -qO- http://example.com/

# outsider lives on the default bridge: no embedded DNS there, and Docker's isolation rules
# drop its packets to todo-app in FORWARD. Look for the red cross in the inspector.
docker exec outsider ping -c 1 -W 1 mysql
docker exec outsider ping -c 1 -W 1 172.18.0.2
iptables -S DOCKER-ISOLATION-STAGE-1
