/**
 * The child-JVM crash harness: what a durable backend acknowledged must survive its process being
 * killed with SIGKILL. Extend {@link dev.chatstore.testkit.crash.CrashContract} in a {@code *Test}
 * class and give it a {@link dev.chatstore.testkit.crash.StoreFactory}: a public class the child JVM
 * instantiates by name to open the store at a location (a folder, a JDBC URL) that the test then
 * reopens. For other tests across processes (a second process refused while one holds the store, a
 * killed holder releasing it), start a {@link dev.chatstore.testkit.crash.ChildStore} directly.
 */
package dev.chatstore.testkit.crash;
