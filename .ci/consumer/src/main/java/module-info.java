/** A user's module: it reads activity4j's API modules and nothing of their internals. */
module consumer {
    requires org.activity4j.core;
    requires org.activity4j.client;
    requires org.activity4j.procstats;
    requires org.activity4j.agent;
    requires org.activity4j.micrometer;
}
