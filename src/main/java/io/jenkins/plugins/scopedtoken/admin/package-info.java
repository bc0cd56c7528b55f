/** Jenkins adapter: global configuration, management page, monitor and start-up recovery. */
package io.jenkins.plugins.scopedtoken.admin;
