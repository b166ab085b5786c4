package main

import (
	"errors"
	"fmt"
	"github.com/orgbatch/orgbatch/internal/msg"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// The app secret on the command line (--app-secret) is visible to every
// user of the machine (ps, /proc/PID/cmdline) and stays in shell history:
// orgbatch warns, and --app-secret-stdin reads it from standard input
// instead — a hidden prompt on a terminal, else one line of a pipe.

// maxSecretBytes bounds what --app-secret-stdin reads: app secrets are
// some 32 characters.
const maxSecretBytes = 4096

const secretFlagWarning = "警告 warning: --app-secret puts the app secret on the command line, where other users of this machine can see it (ps) and your shell keeps it in its history; use FEISHU_APP_SECRET, the config file, or --app-secret-stdin / --app-secret 会让本机其他用户在进程列表中看到应用密钥，并留在 shell 历史记录中；请改用 FEISHU_APP_SECRET、配置文件或 --app-secret-stdin\n"

// readSecret reads the app secret for --app-secret-stdin.
func readSecret(ios *IOStreams) (string, error) {
	if f, ok := ios.In.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(ios.ErrOut, "应用密钥 app secret (not shown / 输入不显示): ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(ios.ErrOut)
		if err != nil {
			return "", msg.SecretReadTerminal.Wrap(err)
		}
		return checkSecret(string(b))
	}
	line, err := readLine(ios.In)
	if err != nil {
		return "", err
	}
	return checkSecret(line)
}

// readLine reads one line, a byte at a time so that nothing after it is
// taken from the stream (a later prompt may read stdin too).
func readLine(r io.Reader) (string, error) {
	var b []byte
	one := make([]byte, 1)
	for {
		n, err := r.Read(one)
		if n == 1 {
			if one[0] == '\n' {
				break
			}
			if b = append(b, one[0]); len(b) > maxSecretBytes {
				return "", usageError(msg.SecretStdinLong, maxSecretBytes)
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", msg.SecretReadStdin.Wrap(err)
		}
	}
	return string(b), nil
}

func checkSecret(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", usageError(msg.SecretStdinEmpty)
	}
	return s, nil
}
