// Command analyze-files runs every analyzer `istioctl analyze` runs over manifest files, with
// Services, Pods and Namespaces in the files included. `istioctl analyze --use-kube=false`
// drops those kinds from files and skips each analyzer that needs them (destination hosts,
// subset pods, gateway selectors and ports, conflicting gateways, namespace injection); this
// is the setup Istio's own analyzer tests use instead (AddTestReaderKubeSource). Output is
// `istioctl analyze -o json`'s; the exit code is 0 unless the files cannot be read.
package main

import (
	"fmt"
	"os"

	"istio.io/istio/istioctl/pkg/util/formatting"
	"istio.io/istio/pkg/config/analysis/analyzers"
	"istio.io/istio/pkg/config/analysis/local"
	"istio.io/istio/pkg/log"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: analyze-files <file.yaml>...")
		os.Exit(2)
	}
	// Istio's informers log every sync to stdout; only errors, and to stderr, so stdout is the JSON.
	options := log.DefaultOptions()
	options.OutputPaths = []string{"stderr"}
	options.SetDefaultOutputLevel(log.OverrideScopeName, log.ErrorLevel)
	if err := log.Configure(options); err != nil {
		fail(err)
	}
	// All namespaces ("") and istio-system as the Istio namespace, as istioctl analyze -A.
	sa := local.NewIstiodAnalyzer(analyzers.AllCombined(), "", "istio-system", nil)
	var readers []local.ReaderSource
	for _, name := range os.Args[1:] {
		file, err := os.Open(name)
		if err != nil {
			fail(err)
		}
		defer file.Close()
		readers = append(readers, local.ReaderSource{Name: name, Reader: file})
	}
	if err := sa.AddTestReaderKubeSource(readers); err != nil {
		fail(err)
	}
	if err := sa.AddDefaultResources(); err != nil {
		fail(err)
	}
	cancel := make(chan struct{})
	result, err := sa.Analyze(cancel)
	if err != nil {
		fail(err)
	}
	output, err := formatting.Print(*result.Messages.SetDocRef("istioctl-analyze"), formatting.JSONFormat, false)
	if err != nil {
		fail(err)
	}
	fmt.Println(output)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "analyze-files:", err)
	os.Exit(1)
}
