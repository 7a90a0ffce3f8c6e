// uts.c: clone() a child into a new UTS namespace with its own hostname, run bash.
// The k8s bootcamp's example made complete: headers, _GNU_SOURCE for clone(),
// child_main declared before main, errors reported, and sethostname() given 11
// bytes, the length of "incontainer" (the talk passed 12, counting the NUL).
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int child_main(void* arg);

static char child_stack[1024 * 1024];

int main()
{
    // point at the bottom of stack
    char *stack_start = child_stack + sizeof(child_stack);
    // clone to a function
    int child_pid = clone(child_main, stack_start,
        CLONE_NEWUTS | SIGCHLD, NULL);
    if (child_pid == -1) { perror("clone (are you root?)"); return 1; }
    // wait for it
    waitpid(child_pid, NULL, 0);
    return 0;
}

int child_main(void* arg)
{
    // what to run
    char *args[] = {"/bin/bash", NULL};
    // example of UTS host namespace
    if (sethostname("incontainer", 11) == -1) perror("sethostname");
    // exec bash
    execv(args[0], args);
    // shouldn't reach this point
    perror("execv");
    return 1;
}
