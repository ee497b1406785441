package wire_test

import (
	"encoding/json"
	"fmt"

	"github.com/golgi-sim/golgi/kernel/wire"
)

// A message is relayed by parsing it with the key of the side it comes from
// and encoding it with the key of the side it goes to.
func ExampleParse() {
	m, _ := wire.New("status", json.RawMessage(`{"msg_id":"req-1","session":"s"}`), map[string]string{"execution_state": "idle"})
	m.Identities = [][]byte{[]byte("kernel.status")}
	fromGoNB := m.Frames([]byte("child-key"))

	got, err := wire.Parse(fromGoNB, []byte("child-key"))
	if err != nil {
		fmt.Println(err)
		return
	}
	toJupyter := got.Frames([]byte("jupyter-key"))
	_, err = wire.Parse(toJupyter, []byte("child-key"))
	fmt.Println(got.Type(), got.ParentID(), len(toJupyter), err)
	// Output: status req-1 7 wire: invalid message signature
}
