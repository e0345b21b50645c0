# docker compose: services, the project's default network and container names.
# compose-todo.yaml (next to this file) is on the machine as /compose-todo.yaml.
docker compose -f compose-todo.yaml up -d
# Containers are named <project>-<service>-1; the network is <project>_default.
docker compose -f compose-todo.yaml ps
docker network ls
# Every service's name is an alias on its networks: the app finds MySQL by name.
docker exec todo-app-1 getent hosts mysql
docker exec todo-app-1 nc -z -w 1 mysql 3306
# web is on both networks: default and front.
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}' todo-web-1
curl -s -o /dev/null -w '%{http_code}\n' http://localhost:8080/
docker compose -f compose-todo.yaml down
docker ps -a
