package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/golgi-sim/golgi/kernel/nbrun"
	"github.com/golgi-sim/golgi/kernel/proxy"
	"github.com/golgi-sim/golgi/kernel/setup"
	"github.com/golgi-sim/golgi/simlib/sweep/cli"
)

const usage = `golgi: the golgi notebook kernel and tools

  golgi setup    install GoNB, gopls, goimports, Jupyter (Debian), ECharts; register the kernel "Go (golgi)"
  golgi kernel   the kernel process Jupyter starts (see kernel.json)
  golgi run      execute notebooks headless with the golgi kernel
  golgi verify   re-execute a notebook and compare every cell's source hash and runs
  golgi demo     setup, then run notebooks/00_tour.ipynb to HTML
  golgi sweep    sweep stores and clusters: slurm, merge, status, export, diff, recover

Run "golgi CMD -h" for the flags of CMD.
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "setup":
		err = cmdSetup(os.Args[2:])
	case "kernel":
		err = cmdKernel(os.Args[2:])
	case "run":
		err = cmdRun(os.Args[2:])
	case "verify":
		err = cmdVerify(os.Args[2:])
	case "demo":
		err = cmdDemo(os.Args[2:])
	case "sweep":
		os.Exit(cli.Main(os.Args[2:], os.Stdout, os.Stderr))
	case "reap":
		// Internal: the kernel's watchdog (see package proxy).
		fs := flag.NewFlagSet("golgi reap", flag.ExitOnError)
		marker := fs.String("marker", "", "value of "+proxy.MarkerEnv+" to sweep")
		_ = fs.Parse(os.Args[2:])
		if *marker == "" {
			err = errors.New("reap: --marker is required")
			break
		}
		signal.Ignore(os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
		proxy.Reap(os.Stdin, *marker)
	case "-h", "--help", "help":
		fmt.Print(usage)
		return
	default:
		fmt.Fprintf(os.Stderr, "golgi: unknown command %q\n\n%s", os.Args[1], usage)
		os.Exit(2)
	}
	if err != nil {
		var ee exitError
		if errors.As(err, &ee) {
			os.Exit(int(ee))
		}
		fmt.Fprintln(os.Stderr, "golgi:", err)
		os.Exit(1)
	}
}

// exitError exits with a code after the command printed its own report.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit %d", int(e)) }

func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func cmdSetup(args []string) error {
	fs := flag.NewFlagSet("golgi setup", flag.ExitOnError)
	data := fs.String("jupyter-data-dir", "", "Jupyter data directory for the kernel spec (default $JUPYTER_DATA_DIR or ~/.local/share/jupyter)")
	dir := fs.String("golgi-dir", "", "golgi checkout (default: found upwards from the working directory)")
	noApt := fs.Bool("no-apt", false, "do not install Debian packages, only check them")
	test := fs.Bool("test", false, "also install what the integration tests drive (Debian's chromium, slurm-wlm, munge)")
	_ = fs.Parse(args)
	ctx, cancel := signalContext()
	defer cancel()
	_, err := setup.Run(ctx, setup.Options{GolgiDir: *dir, JupyterDataDir: *data, NoApt: *noApt, Test: *test})
	if err == nil {
		fmt.Println("golgi setup: done")
	}
	return err
}

func cmdKernel(args []string) error {
	fs := flag.NewFlagSet("golgi kernel", flag.ExitOnError)
	conn := fs.String("connection-file", "", "Jupyter connection file")
	gonb := fs.String("gonb", "", "path of the gonb binary (default: gonb on PATH)")
	dir := fs.String("golgi-dir", "", "golgi checkout: imported by notebooks through go.work, recorded in every repro block")
	path := fs.String("path", "", "directories put before PATH for GoNB, separated by "+string(os.PathListSeparator))
	dwarf := fs.Bool("dwarf", false, "link cells' programs with DWARF debug information (GoNB's default; the kernel otherwise adds "+proxy.CellLinkFlag+" to GOFLAGS, which halves the link)")
	_ = fs.Parse(args)
	if *conn == "" {
		return errors.New("kernel: --connection-file is required")
	}
	cfg := proxy.Config{ConnectionFile: *conn, GoNB: *gonb, GolgiDir: *dir, DWARF: *dwarf}
	if *path != "" {
		cfg.PathDirs = filepath.SplitList(*path)
	}
	if cfg.GoNB == "" {
		p, err := lookPath("gonb", cfg.PathDirs)
		if err != nil {
			return fmt.Errorf("kernel: --gonb not given and gonb not found on PATH: run `go run ./kernel/cmd/golgi setup`")
		}
		cfg.GoNB = p
	}
	if cfg.GolgiDir != "" {
		cfg.GoNBArgs = append(cfg.GoNBArgs, "--go_work="+cfg.GolgiDir)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return proxy.Run(ctx, cfg)
}

func lookPath(name string, dirs []string) (string, error) {
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return exec.LookPath(name)
}

func runFlags(fs *flag.FlagSet) *nbrun.Options {
	o := &nbrun.Options{}
	fs.StringVar(&o.Kernel, "kernel", setup.KernelName, "kernel spec name")
	fs.DurationVar(&o.Timeout, "timeout", 10*time.Minute, "per-cell timeout")
	fs.StringVar(&o.JupyterDataDir, "jupyter-data-dir", "", "Jupyter data directory holding the kernel spec (default $JUPYTER_DATA_DIR)")
	return o
}

func cmdRun(args []string) error {
	fs := flag.NewFlagSet("golgi run", flag.ExitOnError)
	o := runFlags(fs)
	html := fs.Bool("html", false, "also write an HTML export next to the executed notebook")
	out := fs.String("out", "", "directory for the executed notebooks (default: next to each input, as NAME.out.ipynb)")
	_ = fs.Parse(args)
	if fs.NArg() == 0 {
		return errors.New("run: no notebook given")
	}
	// Check what can be checked before executing anything: a notebook may
	// take minutes, and its outputs must have somewhere to go.
	if *out != "" {
		if st, err := os.Stat(*out); err != nil || !st.IsDir() {
			return fmt.Errorf("run: -out %q is not an existing directory: give a directory (the executed notebooks are written into it as NAME.out.ipynb)", *out)
		}
	}
	for _, nb := range fs.Args() {
		if st, err := os.Stat(nb); err != nil || st.IsDir() {
			return fmt.Errorf("run: notebook %q: no such file", nb)
		}
	}
	ctx, cancel := signalContext()
	defer cancel()
	failed := false
	for _, nb := range fs.Args() {
		dst := outPath(nb, *out, ".ipynb")
		o.HTML = ""
		if *html {
			o.HTML = outPath(nb, *out, ".html")
		}
		res, err := nbrun.Execute(ctx, nb, dst, *o)
		if err != nil {
			return err
		}
		fmt.Printf("%s: %d code cells executed in %.1f s -> %s\n", nb, res.Executed, res.Wall.Seconds(), dst)
		if o.HTML != "" {
			fmt.Printf("%s: HTML -> %s\n", nb, o.HTML)
		}
		if res.Failure != nil {
			// Report and go on with the next notebook.
			fmt.Fprintf(os.Stderr, "%s: FAILED at %s\n", nb, res.Failure)
			failed = true
		}
	}
	if failed {
		return exitError(1)
	}
	return nil
}

func outPath(nb, dir, ext string) string {
	base := strings.TrimSuffix(filepath.Base(nb), ".ipynb") + ".out" + ext
	if dir == "" {
		return filepath.Join(filepath.Dir(nb), base)
	}
	return filepath.Join(dir, base)
}

func cmdVerify(args []string) error {
	fs := flag.NewFlagSet("golgi verify", flag.ExitOnError)
	o := runFlags(fs)
	_ = fs.Parse(args)
	if fs.NArg() != 1 {
		return errors.New("verify: give exactly one notebook")
	}
	ctx, cancel := signalContext()
	defer cancel()
	rep, err := nbrun.Verify(ctx, fs.Arg(0), *o)
	if err != nil {
		return err
	}
	fmt.Print(rep.Table())
	if !rep.OK() {
		fmt.Fprintf(os.Stderr, "golgi verify: %s: %s\n", fs.Arg(0), rep.FirstProblem())
		return exitError(1)
	}
	fmt.Printf("golgi verify: %s: all %d cells with runs match; the sources of all %d cells with blocks are unchanged\n", fs.Arg(0), rep.Compared(), rep.Sources())
	return nil
}

func cmdDemo(args []string) error {
	fs := flag.NewFlagSet("golgi demo", flag.ExitOnError)
	_ = fs.Parse(args)
	ctx, cancel := signalContext()
	defer cancel()
	dir, err := setup.FindCheckout(".")
	if err != nil {
		return err
	}
	if _, err := setup.Run(ctx, setup.Options{GolgiDir: dir}); err != nil {
		return err
	}
	nb := filepath.Join(dir, "notebooks", "00_tour.ipynb")
	outDir, err := os.MkdirTemp("", "golgi-demo-")
	if err != nil {
		return err
	}
	o := nbrun.Options{Kernel: setup.KernelName, Timeout: 10 * time.Minute, HTML: filepath.Join(outDir, "00_tour.html")}
	res, err := nbrun.Execute(ctx, nb, filepath.Join(outDir, "00_tour.ipynb"), o)
	if err != nil {
		return err
	}
	if res.Failure != nil {
		return fmt.Errorf("demo: %s failed at %s", nb, res.Failure)
	}
	fmt.Printf("\nThe tour ran (%d cells, %.1f s).\n  executed notebook: %s\n  HTML:              %s\n", res.Executed, res.Wall.Seconds(), filepath.Join(outDir, "00_tour.ipynb"), o.HTML)
	fmt.Printf("\nTo work on the notebooks in Jupyter:\n  jupyter notebook --notebook-dir=%s%s\nthen choose the kernel \"%s\".\n", filepath.Join(dir, "notebooks"), rootFlag(), setup.DisplayName)
	return nil
}

func rootFlag() string {
	if os.Geteuid() == 0 {
		return " --allow-root"
	}
	return ""
}
