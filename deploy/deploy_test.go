// Package deploy holds the container and Kubernetes files; its test checks
// them, as no Docker engine or cluster runs where the tests do.
package deploy

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestDockerfile(t *testing.T) {
	data, err := os.ReadFile("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"RUN go mod download", "CGO_ENABLED=0 go build -trimpath", "-X main.version=${VERSION}",
		"FROM gcr.io/distroless/static-debian12:nonroot", "USER 65532:65532", "EXPOSE 8080",
		"--chown=65532:65532 /out/cache /cache", "TALKBOT_CACHE=/cache",
		`ENTRYPOINT ["/bot", "serve"]`, `HEALTHCHECK`, `"/bot", "healthcheck"`, `VOLUME ["/corpus"]`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	if bytes.Index(data, []byte("go mod download")) > bytes.Index(data, []byte("COPY . .")) {
		t.Error("modules are not downloaded in a layer of their own before the sources")
	}
}

func TestCompose(t *testing.T) {
	var c struct {
		Services map[string]struct {
			EnvFile     any               `yaml:"env_file"`
			Environment map[string]string `yaml:"environment"`
			Volumes     []string          `yaml:"volumes"`
			Restart     string            `yaml:"restart"`
		} `yaml:"services"`
	}
	decode(t, "compose.yaml", &c)
	s, ok := c.Services["talkbot"]
	if !ok || len(c.Services) != 1 {
		t.Fatalf("services %v; want talkbot alone", c.Services)
	}
	if s.EnvFile == nil || s.Restart == "" || s.Environment["TALKBOT_CORPUS"] != "/corpus" || len(s.Volumes) < 2 || !strings.HasSuffix(s.Volumes[0], ":/corpus:ro") || !strings.HasPrefix(s.Volumes[1], "cache:/cache") {
		t.Errorf("compose service %+v", s)
	}
}

func TestKubernetes(t *testing.T) {
	data, err := os.ReadFile("kubernetes/talkbot.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	kinds := map[string]map[string]any{}
	for {
		var doc map[string]any
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		kinds[doc["kind"].(string)] = doc
	}
	if kinds["Service"] == nil || kinds["Deployment"] == nil {
		t.Fatalf("kinds %v; want a Deployment and a Service", kinds)
	}
	text := string(data)
	for _, want := range []string{
		"path: /livez", "path: /readyz", "runAsNonRoot: true", "readOnlyRootFilesystem: true",
		"allowPrivilegeEscalation: false", "secretRef", "configMap", "resources:", "DISCORD_SHARD_ID", "Socket Mode",
		"mountPath: /cache", "emptyDir",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("kubernetes/talkbot.yaml lacks %q", want)
		}
	}
}

func decode(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}
